#include "encord/api/requestsigner.h"

#include <openssl/evp.h>
#include <QDateTime>

namespace lb {

namespace {

QByteArray sha256(const QByteArray &bytes)
{
    QByteArray digest(32, '\0');
    unsigned int length = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()), reinterpret_cast<unsigned char *>(digest.data()),
                   &length, EVP_sha256(), nullptr) != 1 ||
        length != 32)
        return {};
    return digest;
}

// The SDK backdates `created` by 30 s because servers rejected requests from clocks running slightly ahead.
constexpr qint64 CreatedOffsetSeconds = 30;

} // namespace

RequestSigner::RequestSigner(SshKey key)
    : m_key(std::move(key)), m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
}

QByteArray RequestSigner::contentDigest(const QByteArray &body)
{
    return "sha-256=:" + sha256(body).toBase64() + ":";
}

QByteArray RequestSigner::v1Authorization(const QByteArray &body) const
{
    const QByteArray digest = sha256(body);
    const QByteArray signature = m_key.sign(digest);
    if (digest.isEmpty() || signature.isEmpty())
        return {};
    return m_key.publicKeyHex().toLatin1() + ':' + signature.toHex();
}

V2Signature RequestSigner::v2Sign(const QByteArray &method, const QByteArray &requestTarget,
                                  const QByteArray &body) const
{
    V2Signature result;
    result.contentDigest = contentDigest(body);
    const qint64 created = m_clock() - CreatedOffsetSeconds;
    const QByteArray params =
        "(\"@method\" \"@request-target\" \"content-digest\");created=" + QByteArray::number(created) +
        ";keyid=\"" + m_key.publicKeyHex().toLatin1() + "\";alg=\"ed25519\"";
    result.signatureBase = "\"@method\": " + method.toUpper() + "\n\"@request-target\": " + requestTarget +
                           "\n\"content-digest\": " + result.contentDigest +
                           "\n\"@signature-params\": " + params;
    result.signatureInput = "encord-sig=" + params;
    const QByteArray signature = m_key.sign(result.signatureBase);
    if (!signature.isEmpty())
        result.signature = "encord-sig=:" + signature.toBase64() + ":";
    return result;
}

} // namespace lb
