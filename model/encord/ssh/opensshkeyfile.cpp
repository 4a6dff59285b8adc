#include "encord/ssh/opensshkeyfile.h"

#include "encord/ssh/bcryptpbkdf.h"

#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <optional>

namespace lb {

namespace {

const QByteArray BeginMarker = QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----");
const QByteArray EndMarker = QByteArrayLiteral("-----END OPENSSH PRIVATE KEY-----");
const QByteArray Magic = QByteArrayLiteral("openssh-key-v1\0");
const QByteArray Ed25519Type = QByteArrayLiteral("ssh-ed25519");

// Reads the big-endian length-prefixed fields of the SSH wire format; any read past the end fails
// the reader, so truncated input is caught at the first missing byte.
class SshWireReader
{
public:
    explicit SshWireReader(const QByteArray &bytes, qsizetype start = 0) : m_bytes(bytes), m_pos(start) {}

    std::optional<quint32> uint32()
    {
        if (m_bytes.size() - m_pos < 4)
            return std::nullopt;
        const auto *b = reinterpret_cast<const unsigned char *>(m_bytes.constData() + m_pos);
        m_pos += 4;
        return (quint32(b[0]) << 24) | (quint32(b[1]) << 16) | (quint32(b[2]) << 8) | quint32(b[3]);
    }

    std::optional<QByteArray> string()
    {
        const auto length = uint32();
        if (!length || qsizetype(*length) > m_bytes.size() - m_pos)
            return std::nullopt;
        QByteArray value = m_bytes.mid(m_pos, qsizetype(*length));
        m_pos += qsizetype(*length);
        return value;
    }

    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_bytes.size() - m_pos; }
    QByteArray rest() const { return m_bytes.mid(m_pos); }

private:
    const QByteArray &m_bytes;
    qsizetype m_pos = 0;
};

struct CipherSpec
{
    const char *name;
    const EVP_CIPHER *(*cipher)();
    int keyLength;
    int ivLength;
    int blockSize;
    int tagLength;
};

const CipherSpec *findCipher(const QByteArray &name)
{
    static const CipherSpec specs[] = {
        {"aes128-ctr", EVP_aes_128_ctr, 16, 16, 16, 0},
        {"aes192-ctr", EVP_aes_192_ctr, 24, 16, 16, 0},
        {"aes256-ctr", EVP_aes_256_ctr, 32, 16, 16, 0},
        {"aes128-cbc", EVP_aes_128_cbc, 16, 16, 16, 0},
        {"aes192-cbc", EVP_aes_192_cbc, 24, 16, 16, 0},
        {"aes256-cbc", EVP_aes_256_cbc, 32, 16, 16, 0},
        {"aes128-gcm@openssh.com", EVP_aes_128_gcm, 16, 12, 16, 16},
        {"aes256-gcm@openssh.com", EVP_aes_256_gcm, 32, 12, 16, 16},
    };
    for (const CipherSpec &spec : specs) {
        if (name == spec.name)
            return &spec;
    }
    return nullptr;
}

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};

// Decrypts the private section; for GCM the tag that follows it is checked, and a mismatch means the
// passphrase was wrong (nullopt).
std::optional<SecretBytes> decryptSection(const CipherSpec &spec, const QByteArray &keyAndIv,
                                          const QByteArray &encrypted, const QByteArray &tag)
{
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return std::nullopt;
    const auto *key = reinterpret_cast<const unsigned char *>(keyAndIv.constData());
    const auto *iv = key + spec.keyLength;
    if (EVP_DecryptInit_ex(ctx.get(), spec.cipher(), nullptr, nullptr, nullptr) != 1)
        return std::nullopt;
    if (spec.tagLength > 0 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, spec.ivLength, nullptr) != 1)
        return std::nullopt;
    if (EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key, iv) != 1)
        return std::nullopt;
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);

    QByteArray plain(encrypted.size() + spec.blockSize, '\0');
    int written = 0;
    if (EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &written,
                          reinterpret_cast<const unsigned char *>(encrypted.constData()),
                          int(encrypted.size())) != 1) {
        OPENSSL_cleanse(plain.data(), size_t(plain.size()));
        return std::nullopt;
    }
    if (spec.tagLength > 0 && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, spec.tagLength,
                                                  const_cast<char *>(tag.constData())) != 1) {
        OPENSSL_cleanse(plain.data(), size_t(plain.size()));
        return std::nullopt;
    }
    int finalLength = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + written,
                            &finalLength) != 1) {
        OPENSSL_cleanse(plain.data(), size_t(plain.size()));
        return std::nullopt;
    }
    plain.truncate(written + finalLength);
    return SecretBytes(std::move(plain));
}

Error damaged(const QString &origin, const QString &what)
{
    return fail(QStringLiteral("%1 is truncated or damaged (%2)").arg(origin, what));
}

Error unsupportedType(const QByteArray &type, const QString &origin)
{
    return fail(QStringLiteral("only Ed25519 keys are supported, this is %1 (%2)")
                    .arg(OpenSshKeyFile::describeKeyType(QString::fromUtf8(type)), origin));
}

Error wrongPassphrase(const QString &origin)
{
    return fail(ErrorKind::WrongPassphrase, QStringLiteral("wrong passphrase for %1").arg(origin));
}

// The container's fields before the private section; all of them are readable without the passphrase.
struct KeyEnvelope
{
    QByteArray cipherName;
    QByteArray kdfName;
    QByteArray kdfOptions;
    QByteArray publicKey; // the 32-byte Ed25519 public key
    qsizetype privateStart = 0;
    qsizetype privateLength = 0;

    bool encrypted() const { return cipherName != "none"; }
};

// The binary container between the BEGIN and END lines.
Result<SecretBytes> decodeBody(const QByteArray &text, const QString &origin)
{
    const qsizetype begin = text.indexOf(BeginMarker);
    if (begin < 0)
        return fail(QStringLiteral("%1 is not an OpenSSH private key").arg(origin));
    const qsizetype bodyStart = begin + BeginMarker.size();
    const qsizetype end = text.indexOf(EndMarker, bodyStart);
    if (end < 0)
        return damaged(origin, QStringLiteral("the END line is missing"));

    QByteArray base64;
    for (qsizetype i = bodyStart; i < end; ++i) {
        const char c = text.at(i);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            base64.append(c);
    }
    auto decodedResult = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    OPENSSL_cleanse(base64.data(), size_t(base64.size()));
    if (!decodedResult)
        return damaged(origin, QStringLiteral("its contents are not valid base64"));
    SecretBytes decoded(std::move(decodedResult.decoded));
    if (!decoded.bytes().startsWith(Magic))
        return fail(
            QStringLiteral("%1 is not an OpenSSH private key (the format marker is missing)").arg(origin));
    return decoded;
}

// The Ed25519 public key of the public key blob; any other key type is named in the error.
Result<QByteArray> readPublicKey(const QByteArray &publicBlob, const QString &origin)
{
    SshWireReader pub(publicBlob);
    const auto type = pub.string();
    if (!type)
        return damaged(origin, QStringLiteral("the public key is incomplete"));
    // The key type is readable without the passphrase, so an unsupported key is named before asking for one.
    if (*type != Ed25519Type)
        return unsupportedType(*type, origin);
    const auto key = pub.string();
    if (!key || key->size() != 32)
        return damaged(origin, QStringLiteral("the Ed25519 public key is not 32 bytes"));
    return *key;
}

Result<KeyEnvelope> readEnvelope(const QByteArray &decoded, const QString &origin)
{
    SshWireReader reader(decoded, Magic.size());
    const auto cipherName = reader.string();
    const auto kdfName = reader.string();
    const auto kdfOptions = reader.string();
    const auto keyCount = reader.uint32();
    if (!cipherName || !kdfName || !kdfOptions || !keyCount)
        return damaged(origin, QStringLiteral("the header is incomplete"));
    if (*keyCount != 1)
        return fail(QStringLiteral("%1 holds %2 keys; only files with exactly one key are supported")
                        .arg(origin)
                        .arg(*keyCount));
    const auto publicBlob = reader.string();
    if (!publicBlob)
        return damaged(origin, QStringLiteral("the public key is incomplete"));
    auto publicKey = readPublicKey(*publicBlob, origin);
    if (!publicKey)
        return publicKey.takeError();

    const auto privateLength = reader.uint32();
    if (!privateLength || qsizetype(*privateLength) > reader.remaining())
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    return KeyEnvelope{*cipherName,       *kdfName,          *kdfOptions,
                       publicKey.value(), reader.position(), qsizetype(*privateLength)};
}

// The private section of a passphrase-protected key, decrypted with the key bcrypt_pbkdf derives.
Result<SecretBytes> decryptPrivateSection(const KeyEnvelope &envelope, const QByteArray &decoded,
                                          const QByteArray &passphrase, const QString &origin)
{
    const QByteArray privateBlob = decoded.mid(envelope.privateStart, envelope.privateLength);
    const QByteArray afterPrivate = decoded.mid(envelope.privateStart + envelope.privateLength);
    const CipherSpec *spec = findCipher(envelope.cipherName);
    if (!spec)
        return fail(
            QStringLiteral("%1 is encrypted with %2, which labelbranch cannot decrypt; re-encrypt it with "
                           "`ssh-keygen -p -Z aes256-ctr -f <file>` or remove the passphrase with "
                           "`ssh-keygen -p -f <file>`")
                .arg(origin, QString::fromUtf8(envelope.cipherName)));
    if (envelope.kdfName != "bcrypt")
        return fail(QStringLiteral("%1 uses the key derivation \"%2\", which is not supported")
                        .arg(origin, QString::fromUtf8(envelope.kdfName)));
    if (passphrase.isEmpty())
        return fail(ErrorKind::PassphraseRequired,
                    QStringLiteral("%1 is protected by a passphrase: passphrase required").arg(origin));
    SshWireReader options(envelope.kdfOptions);
    const auto salt = options.string();
    const auto rounds = options.uint32();
    if (!salt || !rounds)
        return damaged(origin, QStringLiteral("the key derivation options are incomplete"));
    if (privateBlob.size() % spec->blockSize != 0 || afterPrivate.size() < spec->tagLength)
        return damaged(origin, QStringLiteral("the encrypted section has the wrong length"));

    auto derived = BcryptPbkdf::derive(passphrase, *salt, int(*rounds), spec->keyLength + spec->ivLength);
    if (!derived)
        return fail(QStringLiteral("cannot decrypt %1: %2").arg(origin, derived.error()));
    const SecretBytes keyAndIv(std::move(derived).value());
    auto plain = decryptSection(*spec, keyAndIv.bytes(), privateBlob, afterPrivate.left(spec->tagLength));
    if (!plain)
        return wrongPassphrase(origin);
    return std::move(*plain);
}

Result<SecretBytes> privateSectionOf(const KeyEnvelope &envelope, const QByteArray &decoded,
                                     const QByteArray &passphrase, const QString &origin)
{
    if (envelope.encrypted())
        return decryptPrivateSection(envelope, decoded, passphrase, origin);
    if (envelope.kdfName != "none")
        return damaged(origin, QStringLiteral("a key derivation is named but no cipher"));
    return SecretBytes(decoded.mid(envelope.privateStart, envelope.privateLength));
}

// Padding is 1, 2, 3, ... up to the cipher block size; anything else means the section is corrupt.
bool paddingIsValid(const QByteArray &padding)
{
    for (qsizetype i = 0; i < padding.size(); ++i) {
        if (uchar(padding.at(i)) != uchar(i + 1))
            return false;
    }
    return true;
}

// The seed from the (decrypted) private section, checked against the public key of the envelope.
Result<SecretBytes> readPrivateSection(const SecretBytes &section, const KeyEnvelope &envelope,
                                       const QString &origin)
{
    SshWireReader priv(section.bytes());
    const auto check1 = priv.uint32();
    const auto check2 = priv.uint32();
    if (!check1 || !check2)
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    // Check values that differ are what a wrong passphrase leaves when the cipher has no tag to tell.
    if (*check1 != *check2)
        return envelope.encrypted() ? wrongPassphrase(origin)
                                    : damaged(origin, QStringLiteral("its check values differ"));
    const auto privateType = priv.string();
    if (!privateType)
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    if (*privateType != Ed25519Type)
        return unsupportedType(*privateType, origin);
    const auto privatePublic = priv.string();
    auto secret = priv.string();
    const auto comment = priv.string();
    if (!privatePublic || !secret || !comment)
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    const SecretBytes sk64(std::move(*secret));
    if (privatePublic->size() != 32 || sk64.size() != 64)
        return damaged(origin, QStringLiteral("the Ed25519 key has the wrong length"));
    if (*privatePublic != envelope.publicKey || sk64.bytes().mid(32) != envelope.publicKey)
        return damaged(origin, QStringLiteral("the private and public halves do not belong together"));
    if (!paddingIsValid(priv.rest()))
        return damaged(origin, QStringLiteral("the padding is wrong"));
    return SecretBytes(sk64.bytes().left(32));
}

} // namespace

bool OpenSshKeyFile::looksLikeOpenSsh(const QByteArray &text)
{
    return text.contains(BeginMarker);
}

QString OpenSshKeyFile::describeKeyType(const QString &type)
{
    if (type == QLatin1String("ssh-rsa") || type.startsWith(QLatin1String("rsa-sha2")))
        return QStringLiteral("an RSA key");
    if (type == QLatin1String("ssh-dss"))
        return QStringLiteral("a DSA key");
    if (type.startsWith(QLatin1String("ecdsa-sha2-")))
        return QStringLiteral("an ECDSA key");
    if (type.startsWith(QLatin1String("sk-ssh-ed25519")))
        return QStringLiteral("a security-key (FIDO) Ed25519 key, which needs its hardware token");
    if (type.startsWith(QLatin1String("sk-ecdsa")))
        return QStringLiteral("a security-key (FIDO) ECDSA key");
    if (type == QLatin1String("ssh-ed448"))
        return QStringLiteral("an Ed448 key");
    if (type.contains(QLatin1String("-cert-v01@openssh.com")))
        return QStringLiteral("a certificate, not a private key");
    return QStringLiteral("a key of type \"%1\"").arg(type);
}

Result<SecretBytes> OpenSshKeyFile::ed25519Seed(const QByteArray &text, const QByteArray &passphrase,
                                                const QString &origin)
{
    auto decoded = decodeBody(text, origin);
    if (!decoded)
        return decoded.takeError();
    auto envelope = readEnvelope(decoded->bytes(), origin);
    if (!envelope)
        return envelope.takeError();
    auto section = privateSectionOf(envelope.value(), decoded->bytes(), passphrase, origin);
    if (!section)
        return section.takeError();
    return readPrivateSection(section.value(), envelope.value(), origin);
}

} // namespace lb
