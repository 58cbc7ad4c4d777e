import { describe, expect, it } from 'vitest';
import { disambiguatedToolName, MAX_TOOL_NAME, toolName } from './tool-names.js';

const RULE = /^[A-Za-z0-9_.-]{1,128}$/;

describe('tool names', () => {
  it('joins the connector slug and the action key', () => {
    expect(toolName('acme-crm', 'list-contacts')).toBe('acme-crm_list-contacts');
  });

  it('shortens a long name deterministically, keeping its start, within the rules and still unique', () => {
    const slug = 'a-connector-with-a-rather-long-slug';
    const one = toolName(slug, 'list-every-contact-of-the-account-with-details');
    const two = toolName(slug, 'list-every-contact-of-the-account-with-details-and-notes');
    expect(one).toHaveLength(MAX_TOOL_NAME);
    expect(one).toMatch(RULE);
    expect(one.startsWith(`${slug}_list-every`)).toBe(true);
    expect(toolName(slug, 'list-every-contact-of-the-account-with-details')).toBe(one);
    expect(two).not.toBe(one);
  });

  it('replaces characters outside the rules', () => {
    expect(toolName('acme crm', 'get/contact')).toBe('acme_crm_get_contact');
  });

  it("tells apart two connectors with one slug by the connector's id", () => {
    const first = disambiguatedToolName('ctr_1', 'crm', 'me');
    expect(first).toMatch(RULE);
    expect(first).not.toBe(disambiguatedToolName('ctr_2', 'crm', 'me'));
    expect(first).toBe(disambiguatedToolName('ctr_1', 'crm', 'me'));
  });
});
