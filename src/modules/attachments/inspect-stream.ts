/**
 * A pass-through that looks at an upload's bytes on their way to disk: sha256, size and whether the
 * content is UTF-8 text without NULs. It fails as soon as the bytes exceed `maxBytes`, so nothing larger
 * than allowed is ever written (and nothing is ever held in memory beyond one chunk).
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export class InspectStream extends Transform {
  bytes = 0;
  isText = true;
  private readonly hash = createHash('sha256');
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(this.tooLarge());
      return;
    }
    this.hash.update(chunk);
    if (this.isText) {
      if (chunk.includes(0)) this.isText = false;
      else this.isText = this.decodes(chunk, true);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.isText) this.isText = this.decodes(new Uint8Array(0), false);
    callback();
  }

  private decodes(bytes: Uint8Array, more: boolean): boolean {
    try {
      this.decoder.decode(bytes, { stream: more });
      return true;
    } catch {
      return false;
    }
  }
}
