/** What a quick look at a URL found, for the Add preview. */
export interface ProbeResult {
  readonly url: string;
  /** The file name the download would get. */
  readonly name?: string;
  readonly size?: number;
  /** The server serves byte ranges: pause, resume and several connections work. */
  readonly resumable: boolean;
  /** The file's validators, where the server sends them: a refreshed link must serve the same ones. */
  readonly etag?: string;
  readonly lastModified?: string;
  readonly error?: string;
}
