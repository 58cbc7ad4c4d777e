import type { Member, MemberCreate, Page } from '@plugboard/shared';
import type { AdminSend } from './admin-send.js';

/** Members of the organization. */
export class MembersResource {
  constructor(private readonly send: AdminSend) {}
  /** Lists members. */
  list(): Promise<Page<Member>> {
    return this.send({ method: 'GET', path: 'members' });
  }
  /** Adds a member. */
  create(body: MemberCreate): Promise<Member> {
    return this.send({ method: 'POST', path: 'members', body });
  }
}
