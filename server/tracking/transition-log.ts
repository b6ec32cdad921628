// Every status change of a step's rows, in order: the stored timeline (frozen with the step) and
// the drawer's while it runs. Kept as parallel arrays rather than one object per change: at
// 70,000 rows each row has at least one transition, and an object each would cost more than
// the four slots (issue 12, heap per tracked object).
import type { RowStatus } from "../contracts/object-status.ts";

export type StatusTransition = { key: string; at: Date; status: RowStatus; message: string };

export class TransitionLog {
  private readonly keys: string[] = [];
  /** Epoch ms: a number in an array of doubles takes 8 bytes, a Date object 64 (61 bytes a row at 10,000 rows). */
  private readonly ats: number[] = [];
  private readonly statuses: RowStatus[] = [];
  private readonly messages: string[] = [];

  get length(): number {
    return this.keys.length;
  }

  push(transition: StatusTransition): void {
    this.keys.push(transition.key);
    this.ats.push(transition.at.getTime());
    this.statuses.push(transition.status);
    this.messages.push(transition.message);
  }

  /** The keys of every row with a transition. */
  keySet(): Set<string> {
    return new Set(this.keys);
  }

  /** One row's transitions, oldest first. */
  of(key: string): StatusTransition[] {
    const found: StatusTransition[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === key) found.push(this.at(i));
    return found;
  }

  /** The transitions from the `index`-th on, oldest first (those a checkpoint has not written yet). */
  from(index: number): StatusTransition[] {
    const found: StatusTransition[] = [];
    for (let i = index; i < this.keys.length; i++) found.push(this.at(i));
    return found;
  }

  /** Every transition, oldest first, as objects. */
  all(): StatusTransition[] {
    return this.keys.map((_, i) => this.at(i));
  }

  private at(i: number): StatusTransition {
    return { key: this.keys[i]!, at: new Date(this.ats[i]!), status: this.statuses[i]!, message: this.messages[i]! };
  }
}
