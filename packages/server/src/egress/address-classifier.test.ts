import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-classifier.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.254', 'carrier-grade-nat'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'],
  ])('blocks %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toMatchObject({ allowed: false, reason });
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.1', 'ipv4-mapped'],
    ['::ffff:7f00:1', 'loopback', '127.0.0.1', 'ipv4-mapped'],
    ['::ffff:a9fe:a9fe', 'link-local', '169.254.169.254', 'ipv4-mapped'],
    ['64:ff9b::a9fe:a9fe', 'link-local', '169.254.169.254', 'nat64'],
    ['64:ff9b::10.0.0.1', 'private', '10.0.0.1', 'nat64'],
    ['2002:7f00:1::', 'loopback', '127.0.0.1', '6to4'],
    ['2002:c0a8:101::1', 'private', '192.168.1.1', '6to4'],
    // Teredo: server 65.54.227.120, client 127.0.0.1 stored inverted as 80ff:fffe.
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback', '127.0.0.1', 'teredo'],
  ])('blocks %s, which carries %s IPv4 %s (%s)', (address, reason, ipv4, kind) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, address, reason, embedded: { ipv4, kind } });
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:93.184.215.14',
    '64:ff9b::808:808',
    '2002:5db8:d70e::1',
    '2001:0:4136:e378:8000:63bf:a247:2af1',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true, address });
  });

  it('blocks what is not an IP address at all', () => {
    expect(classifyAddress('localhost')).toMatchObject({ allowed: false, reason: 'reserved' });
  });
});
