/** Thrown for generator options a user or caller cannot have meant (the message says which and why). */
export class GeneratorOptionsError extends RangeError {
  override readonly name = 'GeneratorOptionsError';
}
