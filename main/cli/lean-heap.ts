import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's heap near what `haul get` holds live.
 *
 * The young generation stays at its first size when `haul get` is run as `node haul.js` (the
 * shebang's --max-semi-space-size=1 applies only when the file is run as a program). Left alone, V8
 * doubles it up to 16 MB per half whenever many objects survive a collection, which a thousand
 * downloads in flight always make it do: 32 MB of a 136 MB peak for `haul get -j 16` over 1000
 * small files. The growth factor is read at each resize, so setting it now takes effect; the heap's
 * limits themselves are fixed at start-up and cannot be changed here.
 *
 * With so small a young generation, what a request holds for its few milliseconds outlives two
 * scavenges and is promoted, and the old generation fills with it: V8 let it reach 26.7 MB with 8.3 MB
 * live before its second full collection. Growing the old generation's limit by 20% of what
 * survives, not by V8's default factor, takes five full collections instead of two (8 ms more) and
 * keeps it under 17 MB: `haul get -j 16` over 1000 × 100 KB peaked at 72-73 MB instead of 86-89, in
 * the same time (1.61-1.84 s against 1.67-1.90 s into tmpfs, four alternated runs). This factor too
 * is read at each collection.
 *
 * Call it only once the engine and the built-ins it needs are loaded. Changing a V8 flag changes the
 * hash V8 checks Node's code cache against, so every built-in module compiled afterwards is compiled
 * from source: set first, loading node:crypto took 9.7-10.6 ms instead of 6.4-7.7, node:http 4.5-4.6
 * instead of 2.1-2.2, and `haul get` of a 100-byte file 230-233 ms instead of 215-218 (medians of 15).
 */
export function keepHeapLean(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
}
