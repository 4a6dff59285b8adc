#pragma once

#include "encord/ssh/sshkey.h"

#include <functional>
#include <QByteArray>
#include <QString>

namespace lb {

// The headers of a v2 request signature (docs/encord-api.md §1.3).
struct V2Signature
{
    QByteArray contentDigest;  // "sha-256=:<base64>:"
    QByteArray signatureInput; // "encord-sig=(...);created=...;keyid=\"...\";alg=\"ed25519\""
    QByteArray signature;      // "encord-sig=:<base64>:"
    QByteArray signatureBase;  // what was signed; kept for diagnostics and tests
};

// Signs Encord requests with an Ed25519 key: v1 over SHA-256 of the body, v2 as an HTTP message signature.
class RequestSigner
{
public:
    using Clock = std::function<qint64()>; // Unix time in seconds

    explicit RequestSigner(SshKey key);

    const SshKey &key() const { return m_key; }
    // Tests freeze time with this; the default reads the system clock.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // "<public key hex>:<hex Ed25519 signature of SHA-256(body)>"; empty if signing failed.
    QByteArray v1Authorization(const QByteArray &body) const;
    // requestTarget is the path and query exactly as sent ("/v2/public/projects/..?a=b").
    V2Signature v2Sign(const QByteArray &method, const QByteArray &requestTarget,
                       const QByteArray &body) const;

    static QByteArray contentDigest(const QByteArray &body);

private:
    SshKey m_key;
    Clock m_clock;
};

} // namespace lb
