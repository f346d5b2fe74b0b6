/** Maps strings to small integer codes (and back), so columns can hold codes in typed arrays. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  /** The string of each code. */
  readonly values: string[] = [];

  /** The code of `value`, adding it when new. */
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }

  /** The code of `value`, or -1 when it was never seen (lookups never add). */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  /** Number of distinct values. */
  get size(): number {
    return this.values.length;
  }
}
