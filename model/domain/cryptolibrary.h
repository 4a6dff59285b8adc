#pragma once

namespace lb {

// Starts OpenSSL (with its configuration) on the calling thread and returns true. The files that hash call it
// from a static initialiser, so it runs on the main thread before main() in every executable that hashes.
// Otherwise the first worker thread that hashes runs OpenSSL's one-time start-up, and the error state that
// start-up leaves on that thread is never freed when the thread ends.
bool startCryptoLibrary();

} // namespace lb
