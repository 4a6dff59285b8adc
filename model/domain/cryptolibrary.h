#pragma once

namespace lb {

// Starts OpenSSL (with its configuration) on the calling thread; the executables call it first thing on the
// main thread. Otherwise the first worker thread that hashes runs OpenSSL's one-time start-up, and the error
// state that start-up leaves on that thread is never freed when the thread ends.
void startCryptoLibrary();

} // namespace lb
