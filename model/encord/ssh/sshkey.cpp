#include "encord/ssh/sshkey.h"

#include "encord/ssh/opensshkeyfile.h"
#include "encord/ssh/secretbytes.h"

#include <cstring>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <sys/stat.h>

namespace lb {

namespace {

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};

std::shared_ptr<EVP_PKEY> adoptKey(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY *k) { EVP_PKEY_free(k); });
}

QString describePkeyType(int id)
{
    switch (id) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return QStringLiteral("an RSA key");
    case EVP_PKEY_EC:
        return QStringLiteral("an ECDSA key");
    case EVP_PKEY_DSA:
        return QStringLiteral("a DSA key");
    case EVP_PKEY_ED448:
        return QStringLiteral("an Ed448 key");
    case EVP_PKEY_X25519:
        return QStringLiteral("an X25519 (key agreement) key");
    default:
        return QStringLiteral("an unsupported key type");
    }
}

// The PEM label says what a file is before anything is decoded, which gives the most precise message.
QByteArray pemLabel(const QByteArray &text)
{
    static const QByteArray begin = QByteArrayLiteral("-----BEGIN ");
    const qsizetype start = text.indexOf(begin);
    if (start < 0)
        return {};
    const qsizetype labelStart = start + begin.size();
    const qsizetype labelEnd = text.indexOf("-----", labelStart);
    if (labelEnd < 0)
        return {};
    return text.mid(labelStart, labelEnd - labelStart);
}

struct PassphraseData
{
    const QByteArray *passphrase;
    bool asked = false;
};

int passphraseCallback(char *buffer, int size, int, void *userData)
{
    auto *data = static_cast<PassphraseData *>(userData);
    data->asked = true;
    if (!data->passphrase || data->passphrase->isEmpty() || data->passphrase->size() > size)
        return -1;
    std::memcpy(buffer, data->passphrase->constData(), size_t(data->passphrase->size()));
    return int(data->passphrase->size());
}

QString groupOrOtherAccessWarning(const QString &path)
{
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) == 0)
        return {};
    const QString mode = QStringLiteral("%1").arg(info.st_mode & 0777, 4, 8, QLatin1Char('0'));
    return QStringLiteral("the SSH key file %1 is accessible by other users (mode %2); restrict it with "
                          "`chmod 600 %1`")
        .arg(path, mode);
}

} // namespace

QString SshKey::expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

Result<SshKey> SshKey::load(const QString &path, const QByteArray &passphrase)
{
    if (!path.isEmpty())
        return fromFile(path, passphrase);
    return fromEnvironment(passphrase);
}

Result<SshKey> SshKey::fromEnvironment(const QByteArray &passphrase)
{
    const QString file = qEnvironmentVariable(KeyFileVariable);
    if (!file.isEmpty()) {
        const QString absolute = QFileInfo(expandHome(file)).absoluteFilePath();
        if (!QFileInfo::exists(absolute))
            return fail(ErrorKind::NotFound, QStringLiteral("%1 points to %2, which does not exist")
                                                 .arg(QLatin1String(KeyFileVariable), absolute));
        return fromFile(absolute, passphrase);
    }
    SecretBytes text(qgetenv(KeyVariable));
    if (text.bytes().trimmed().isEmpty())
        return fail(
            QStringLiteral("no SSH key given: choose a private key file, or set %1 (a path) or %2 (the key "
                           "itself)")
                .arg(QLatin1String(KeyFileVariable), QLatin1String(KeyVariable)));
    // Keys pasted into an environment variable often arrive with literal "\n" instead of line breaks.
    if (!text.bytes().contains('\n') && text.bytes().contains("\\n")) {
        QByteArray unescaped = text.bytes();
        unescaped.replace("\\n", "\n");
        text = SecretBytes(std::move(unescaped));
    }
    return fromText(text.bytes(), passphrase,
                    QStringLiteral("the key in %1").arg(QLatin1String(KeyVariable)));
}

Result<SshKey> SshKey::fromFile(const QString &path, const QByteArray &passphrase)
{
    const QString expanded = expandHome(path);
    const QString origin = QStringLiteral("the SSH key file %1").arg(expanded);
    QFileInfo info(expanded);
    if (!info.exists())
        return fail(ErrorKind::NotFound, QStringLiteral("%1 does not exist").arg(origin));
    if (info.isDir())
        return fail(QStringLiteral("%1 is a folder, not a key file").arg(origin));
    QFile file(expanded);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(origin, file.errorString()));
    // A private key is a few kB; refusing large files avoids reading something that is clearly not a key.
    if (file.size() > 64 * 1024)
        return fail(QStringLiteral("%1 is not an SSH private key (it is %2 bytes long)")
                        .arg(origin)
                        .arg(file.size()));
    const SecretBytes text(file.readAll());
    file.close();
    auto key = fromText(text.bytes(), passphrase, origin);
    if (key)
        key->m_warning = groupOrOtherAccessWarning(expanded);
    return key;
}

Result<SshKey> SshKey::fromText(const QByteArray &text, const QByteArray &passphrase, const QString &origin)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(QStringLiteral("%1 is empty").arg(origin));
    if (OpenSshKeyFile::looksLikeOpenSsh(text)) {
        auto seed = OpenSshKeyFile::ed25519Seed(text, passphrase, origin);
        if (!seed)
            return seed.takeError();
        auto key = fromSeed(seed->bytes());
        if (key)
            key->m_origin = origin;
        return key;
    }
    const QByteArray label = pemLabel(text);
    if (!label.isEmpty())
        return fromPem(text, passphrase, origin);

    const QList<QByteArray> words = trimmed.split(' ');
    const QString firstWord = QString::fromLatin1(words.first());
    if (firstWord.startsWith(QLatin1String("ssh-")) || firstWord.startsWith(QLatin1String("ecdsa-")) ||
        firstWord.startsWith(QLatin1String("sk-")))
        return fail(QStringLiteral("%1 is a public key; choose the private key file (the one without .pub)")
                        .arg(origin));
    if (trimmed.startsWith("PuTTY-User-Key-File"))
        return fail(
            QStringLiteral("%1 is a PuTTY key; convert it with `puttygen <file> -O private-openssh -o <new "
                           "file>`")
                .arg(origin));
    return fail(
        QStringLiteral("%1 is not an SSH private key (expected \"-----BEGIN OPENSSH PRIVATE KEY-----\" or a "
                       "PEM private key)")
            .arg(origin));
}

Result<SshKey> SshKey::fromPem(const QByteArray &text, const QByteArray &passphrase, const QString &origin)
{
    const QByteArray label = pemLabel(text);
    if (label == "RSA PRIVATE KEY")
        return fail(QStringLiteral("only Ed25519 keys are supported, this is an RSA key (%1)").arg(origin));
    if (label == "EC PRIVATE KEY")
        return fail(QStringLiteral("only Ed25519 keys are supported, this is an ECDSA key (%1)").arg(origin));
    if (label == "DSA PRIVATE KEY")
        return fail(QStringLiteral("only Ed25519 keys are supported, this is a DSA key (%1)").arg(origin));
    if (label == "PUBLIC KEY" || label == "SSH2 PUBLIC KEY")
        return fail(QStringLiteral("%1 is a public key; choose the private key").arg(origin));
    if (label == "CERTIFICATE")
        return fail(QStringLiteral("%1 is a certificate, not a private key").arg(origin));
    if (label != "PRIVATE KEY" && label != "ENCRYPTED PRIVATE KEY")
        return fail(QStringLiteral("%1 is a PEM file of type \"%2\", not a private key")
                        .arg(origin, QString::fromLatin1(label)));
    const QByteArray end = "-----END " + label + "-----";
    if (!text.contains(end))
        return fail(QStringLiteral("%1 is truncated or damaged (the END line is missing)").arg(origin));
    const bool encrypted = label == "ENCRYPTED PRIVATE KEY";
    if (encrypted && passphrase.isEmpty())
        return fail(ErrorKind::PassphraseRequired,
                    QStringLiteral("%1 is protected by a passphrase: passphrase required").arg(origin));

    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(text.constData(), int(text.size())));
    if (!bio)
        return fail(QStringLiteral("cannot read %1: out of memory").arg(origin));
    PassphraseData data{&passphrase};
    ERR_clear_error();
    EVP_PKEY *raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &data);
    ERR_clear_error();
    if (!raw) {
        if (encrypted)
            return fail(ErrorKind::WrongPassphrase,
                        QStringLiteral("wrong passphrase for %1 (or the file is damaged)").arg(origin));
        return fail(QStringLiteral("%1 is truncated or damaged (OpenSSL cannot decode it)").arg(origin));
    }
    return fromPkey(adoptKey(raw), origin);
}

Result<SshKey> SshKey::fromSeed(const QByteArray &seed32)
{
    if (seed32.size() != 32)
        return fail(QStringLiteral("an Ed25519 private key must be 32 bytes"));
    EVP_PKEY *raw = EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(seed32.constData()), 32);
    if (!raw)
        return fail(QStringLiteral("OpenSSL cannot build an Ed25519 key"));
    return fromPkey(adoptKey(raw), QStringLiteral("the SSH key"));
}

Result<SshKey> SshKey::fromPkey(std::shared_ptr<evp_pkey_st> key, const QString &origin)
{
    const int id = EVP_PKEY_get_id(key.get());
    if (id != EVP_PKEY_ED25519)
        return fail(QStringLiteral("only Ed25519 keys are supported, this is %1 (%2)")
                        .arg(describePkeyType(id), origin));
    QByteArray publicKey(32, '\0');
    size_t length = 32;
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(publicKey.data()),
                                    &length) != 1 ||
        length != 32)
        return fail(QStringLiteral("OpenSSL cannot derive the public key of %1").arg(origin));
    SshKey result;
    result.m_key = std::move(key);
    result.m_publicKey = publicKey;
    result.m_origin = origin;
    return result;
}

QString SshKey::publicKeyHex() const
{
    return QString::fromLatin1(m_publicKey.toHex());
}

QByteArray SshKey::sign(const QByteArray &message) const
{
    if (!m_key)
        return {};
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1)
        return {};
    QByteArray signature(64, '\0');
    size_t length = 64;
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.constData()),
                       size_t(message.size())) != 1 ||
        length != 64)
        return {};
    return signature;
}

} // namespace lb
