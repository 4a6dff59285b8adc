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
    const SecretBytes decoded(std::move(decodedResult.decoded));

    if (!decoded.bytes().startsWith(Magic))
        return fail(
            QStringLiteral("%1 is not an OpenSSH private key (the format marker is missing)").arg(origin));

    SshWireReader reader(decoded.bytes(), Magic.size());
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
    QByteArray publicType;
    QByteArray publicKey;
    {
        SshWireReader pub(*publicBlob);
        const auto type = pub.string();
        if (!type)
            return damaged(origin, QStringLiteral("the public key is incomplete"));
        publicType = *type;
        if (publicType == Ed25519Type) {
            const auto key = pub.string();
            if (!key || key->size() != 32)
                return damaged(origin, QStringLiteral("the Ed25519 public key is not 32 bytes"));
            publicKey = *key;
        }
    }
    // The key type is readable without the passphrase, so an unsupported key is named before asking for one.
    if (publicType != Ed25519Type)
        return fail(QStringLiteral("only Ed25519 keys are supported, this is %1 (%2)")
                        .arg(describeKeyType(QString::fromUtf8(publicType)), origin));

    const auto privateLength = reader.uint32();
    if (!privateLength || qsizetype(*privateLength) > reader.remaining())
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    const qsizetype privateStart = reader.position();
    const QByteArray afterPrivate = decoded.bytes().mid(privateStart + qsizetype(*privateLength));

    const bool encrypted = *cipherName != "none";
    SecretBytes privateSection;
    if (!encrypted) {
        if (*kdfName != "none")
            return damaged(origin, QStringLiteral("a key derivation is named but no cipher"));
        privateSection = SecretBytes(decoded.bytes().mid(privateStart, qsizetype(*privateLength)));
    } else {
        const QByteArray privateBlob = decoded.bytes().mid(privateStart, qsizetype(*privateLength));
        const CipherSpec *spec = findCipher(*cipherName);
        if (!spec)
            return fail(QStringLiteral(
                            "%1 is encrypted with %2, which labelbranch cannot decrypt; re-encrypt it with "
                            "`ssh-keygen -p -Z aes256-ctr -f <file>` or remove the passphrase with "
                            "`ssh-keygen -p -f <file>`")
                            .arg(origin, QString::fromUtf8(*cipherName)));
        if (*kdfName != "bcrypt")
            return fail(QStringLiteral("%1 uses the key derivation \"%2\", which is not supported")
                            .arg(origin, QString::fromUtf8(*kdfName)));
        if (passphrase.isEmpty())
            return fail(ErrorKind::PassphraseRequired,
                        QStringLiteral("%1 is protected by a passphrase: passphrase required").arg(origin));
        SshWireReader options(*kdfOptions);
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
            return fail(ErrorKind::WrongPassphrase, QStringLiteral("wrong passphrase for %1").arg(origin));
        privateSection = std::move(*plain);
    }

    SshWireReader priv(privateSection.bytes());
    const auto check1 = priv.uint32();
    const auto check2 = priv.uint32();
    if (!check1 || !check2)
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    if (*check1 != *check2) {
        if (encrypted)
            return fail(ErrorKind::WrongPassphrase, QStringLiteral("wrong passphrase for %1").arg(origin));
        return damaged(origin, QStringLiteral("its check values differ"));
    }
    const auto privateType = priv.string();
    if (!privateType)
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    if (*privateType != Ed25519Type)
        return fail(QStringLiteral("only Ed25519 keys are supported, this is %1 (%2)")
                        .arg(describeKeyType(QString::fromUtf8(*privateType)), origin));
    const auto privatePublic = priv.string();
    auto secret = priv.string();
    const auto comment = priv.string();
    if (!privatePublic || !secret || !comment)
        return damaged(origin, QStringLiteral("the private key section is incomplete"));
    const SecretBytes sk64(std::move(*secret));
    if (privatePublic->size() != 32 || sk64.size() != 64)
        return damaged(origin, QStringLiteral("the Ed25519 key has the wrong length"));
    if (*privatePublic != publicKey || sk64.bytes().mid(32) != publicKey)
        return damaged(origin, QStringLiteral("the private and public halves do not belong together"));
    // Padding is 1, 2, 3, ... up to the cipher block size; anything else means the section is corrupt.
    const QByteArray padding = priv.rest();
    for (qsizetype i = 0; i < padding.size(); ++i) {
        if (uchar(padding.at(i)) != uchar(i + 1))
            return damaged(origin, QStringLiteral("the padding is wrong"));
    }
    return SecretBytes(sk64.bytes().left(32));
}

} // namespace lb
