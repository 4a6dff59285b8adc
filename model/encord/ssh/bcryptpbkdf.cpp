#include "encord/ssh/bcryptpbkdf.h"

#include "encord/ssh/eksblowfish.h"

#include <algorithm>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace lb {

namespace {

constexpr int HashBytes = 32; // one bcrypt_hash output
constexpr int Sha512Bytes = 64;

QByteArray sha512(const QByteArray &bytes)
{
    QByteArray digest(Sha512Bytes, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()), reinterpret_cast<unsigned char *>(digest.data()),
                   &length, EVP_sha512(), nullptr) != 1 ||
        length != Sha512Bytes)
        return {};
    return digest;
}

// Overwrites secret intermediate bytes before they are released.
void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace

QByteArray BcryptPbkdf::hash(const QByteArray &sha2pass, const QByteArray &sha2salt)
{
    EksBlowfish state;
    state.expandState(sha2salt, sha2pass);
    for (int i = 0; i < 64; ++i) {
        state.expand0State(sha2salt);
        state.expand0State(sha2pass);
    }

    static const char magic[] = "OxychromaticBlowfishSwatDynamite";
    uint32_t words[8];
    for (int i = 0; i < 8; ++i) {
        const auto *b = reinterpret_cast<const unsigned char *>(magic) + 4 * i;
        words[i] = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]);
    }
    for (int round = 0; round < 64; ++round) {
        for (int i = 0; i < 8; i += 2)
            state.encryptBlock(&words[i], &words[i + 1]);
    }

    // bcrypt_pbkdf emits the words little-endian, unlike everything else in it.
    QByteArray out(HashBytes, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i) {
        out[4 * i + 0] = char(words[i] & 0xff);
        out[4 * i + 1] = char((words[i] >> 8) & 0xff);
        out[4 * i + 2] = char((words[i] >> 16) & 0xff);
        out[4 * i + 3] = char((words[i] >> 24) & 0xff);
    }
    OPENSSL_cleanse(words, sizeof(words));
    return out;
}

Result<QByteArray> BcryptPbkdf::derive(const QByteArray &passphrase, const QByteArray &salt, int rounds,
                                       int outputLength)
{
    if (passphrase.isEmpty())
        return fail(QStringLiteral("the passphrase is empty"));
    if (rounds < 1 || rounds > 1 << 20)
        return fail(QStringLiteral("the key derivation asks for %1 rounds, which is not a sensible value")
                        .arg(rounds));
    if (salt.isEmpty() || salt.size() > 1 << 20)
        return fail(QStringLiteral("the key derivation salt is missing or too long"));
    if (outputLength < 1 || outputLength > HashBytes * HashBytes)
        return fail(QStringLiteral("the key derivation cannot produce %1 bytes").arg(outputLength));

    // The output is interleaved across blocks ("stride") so that every block must be computed.
    const int stride = (outputLength + HashBytes - 1) / HashBytes;
    int amount = (outputLength + stride - 1) / stride;

    QByteArray sha2pass = sha512(passphrase);
    if (sha2pass.isEmpty())
        return fail(QStringLiteral("SHA-512 is not available in this OpenSSL"));

    QByteArray key(outputLength, '\0');
    int remaining = outputLength;
    for (quint32 count = 1; remaining > 0; ++count) {
        QByteArray countSalt = salt;
        countSalt.append(char((count >> 24) & 0xff));
        countSalt.append(char((count >> 16) & 0xff));
        countSalt.append(char((count >> 8) & 0xff));
        countSalt.append(char(count & 0xff));

        QByteArray sha2salt = sha512(countSalt);
        QByteArray roundOut = hash(sha2pass, sha2salt);
        QByteArray block = roundOut;
        for (int r = 1; r < rounds; ++r) {
            sha2salt = sha512(roundOut);
            QByteArray next = hash(sha2pass, sha2salt);
            wipe(roundOut);
            roundOut = std::move(next);
            for (int j = 0; j < HashBytes; ++j)
                block[j] = char(block.at(j) ^ roundOut.at(j));
        }

        amount = std::min(amount, remaining);
        int written = 0;
        for (; written < amount; ++written) {
            const int dest = written * stride + int(count - 1);
            if (dest >= outputLength)
                break;
            key[dest] = block.at(written);
        }
        remaining -= written;
        wipe(sha2salt);
        wipe(roundOut);
        wipe(block);
    }
    wipe(sha2pass);
    return key;
}

} // namespace lb
