#include "encord/ssh/sshkey.h"
#include "testsupport.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QtTest>

using namespace lb;

namespace {

const QByteArray AppendixAKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUx\n"
                      "OQAAACDXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGgAAAIgQ/DM4EPwzOAAAAAtzc2gt\n"
                      "ZWQyNTUxOQAAACDXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGgAAAECdYbGd7/1aYLqE\n"
                      "SvSS7CzEREnFaXsyaRlwO6wDHK5/YNdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1EaAAAA\n"
                      "AAECAwQF\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");
const QString AppendixAPublicHex =
    QStringLiteral("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
const QByteArray AppendixASeed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

// ssh-keygen, passphrase "correct horse", aes256-ctr.
const QByteArray EncryptedKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDJw6Fxvj\n"
                      "EIBjRpmVyPqMnXAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIC+X8OS7gQxFVdZP\n"
                      "Z7JnrFvl8d/QxntBQPwlvGTdTt3LAAAAkO5f82vY9ixco3YS4HvZaYbnQnGDS2JAyh3Nx9\n"
                      "bruc7KRmG9TQDYc9UXw+Vk3h9SMQFPAUv4ab/qbi4AWODsHlzn+azb0aNyC37qbEA9TNo9\n"
                      "u2Cp99Uzf8iuQivW8vmLHWdWMP89N51qhBWEbTI2EwRgBXNiIxJojuK4BQygfTnadEV4L8\n"
                      "0HC2dqNu7oJDsLIg==\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");

// ssh-keygen, passphrase "x", chacha20-poly1305@openssh.com (OpenSSH's own AEAD, not decryptable here).
const QByteArray ChaChaKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAAHWNoYWNoYTIwLXBvbHkxMzA1QG9wZW5zc2guY29tAAAABm\n"
                      "JjcnlwdAAAABgAAAAQdN+OtJbNRJ41Q+w8Rly+9gAAABAAAAABAAAAMwAAAAtzc2gtZWQy\n"
                      "NTUxOQAAACBb0p7EBB7ws8xhz2sk9rFxLVpaEAzY6G6+nLfXpZDt1AAAAIjoPTQUNmOBzO\n"
                      "JjIO+xgHLL9AqfZ1I/LqRBaoRFN0MsXQxymXjM+DcWybC/dccM0h91yqTN9/irMw++tpXA\n"
                      "VhjHbff+/sC5ha1F5+8WjJLE0YiM8ik/DaGlRWSPdeLH8uC+BrQXwxVKwFLcT9LfP+5Kl9\n"
                      "UrGEDOJHp5OlTKpPlowmGwXlRgWO5RhmgSCzFbo03AaY6qcYhzSw==\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");

struct PkeyDeleter
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray text(data, qsizetype(length));
    BIO_free(bio);
    return text;
}

QByteArray pkcs8Pem(EVP_PKEY *key, const char *passphrase = nullptr)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (passphrase)
        PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), passphrase, int(std::strlen(passphrase)),
                                      nullptr, nullptr);
    else
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioText(bio);
}

// "-----BEGIN RSA PRIVATE KEY-----" and friends: the type-specific (traditional) PEM encoding.
QByteArray traditionalPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    OSSL_ENCODER_CTX *ctx =
        OSSL_ENCODER_CTX_new_for_pkey(key, EVP_PKEY_KEYPAIR, "PEM", "type-specific", nullptr);
    OSSL_ENCODER_to_bio(ctx, bio);
    OSSL_ENCODER_CTX_free(ctx);
    return bioText(bio);
}

void putString(QByteArray &out, const QByteArray &value)
{
    const quint32 n = quint32(value.size());
    out.append(char(n >> 24)).append(char(n >> 16)).append(char(n >> 8)).append(char(n));
    out.append(value);
}

QByteArray mpint(const BIGNUM *bn)
{
    QByteArray bytes(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char *>(bytes.data()));
    if (!bytes.isEmpty() && (uchar(bytes.at(0)) & 0x80))
        bytes.prepend('\0');
    return bytes;
}

// An RSA key in the OpenSSH container, as `ssh-keygen -t rsa` writes it (unencrypted).
QByteArray opensshRsa(EVP_PKEY *key)
{
    BIGNUM *n = nullptr;
    BIGNUM *e = nullptr;
    BIGNUM *d = nullptr;
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n);
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_E, &e);
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_D, &d);
    QByteArray pub;
    putString(pub, "ssh-rsa");
    putString(pub, mpint(e));
    putString(pub, mpint(n));
    QByteArray priv;
    priv.append(QByteArray::fromHex("1234567812345678"));
    putString(priv, "ssh-rsa");
    putString(priv, mpint(n));
    putString(priv, mpint(e));
    putString(priv, mpint(d));
    putString(priv, "comment");
    for (char pad = 1; priv.size() % 8 != 0; ++pad)
        priv.append(pad);
    BN_free(n);
    BN_free(e);
    BN_clear_free(d);

    QByteArray blob = QByteArrayLiteral("openssh-key-v1\0");
    putString(blob, "none");
    putString(blob, "none");
    putString(blob, QByteArray());
    blob.append(QByteArray::fromHex("00000001"));
    putString(blob, pub);
    putString(blob, priv);
    QByteArray text = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    const QByteArray b64 = blob.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 70)
        text += b64.mid(i, 70) + '\n';
    return text + "-----END OPENSSH PRIVATE KEY-----\n";
}

Pkey appendixAPkey()
{
    return Pkey(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(AppendixASeed.constData()), 32));
}

#define VERIFY_ERROR(result, fragment)                                                                       \
    do {                                                                                                     \
        const auto &evaluated_ = (result);                                                                   \
        QVERIFY2(!evaluated_.ok(), "expected an error");                                                     \
        QVERIFY2(evaluated_.error().contains(fragment, Qt::CaseInsensitive),                                 \
                 qPrintable(evaluated_.error()));                                                            \
    } while (false)

} // namespace

class TestEncordKeys : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeKey(const QString &name, const QByteArray &text,
                     QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!lb::test::writeFile(path, text))
            qFatal("cannot write %s", qPrintable(path));
        QFile::setPermissions(path, permissions);
        return path;
    }

private Q_SLOTS:
    void init()
    {
        qunsetenv(SshKey::KeyFileVariable);
        qunsetenv(SshKey::KeyVariable);
    }

    void loadsOpenSshKeyFromFile()
    {
        const QString path = writeKey(QStringLiteral("id_ed25519"), AppendixAKey);
        auto key = SshKey::fromFile(path);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        QCOMPARE(key->publicKeyHex(), AppendixAPublicHex);
        QVERIFY2(key->warning().isEmpty(), qPrintable(key->warning()));
        QVERIFY(key->origin().contains(path));
    }

    void loadsPemPkcs8Ed25519()
    {
        Pkey pkey = appendixAPkey();
        const QByteArray pem = pkcs8Pem(pkey.get());
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        auto key = SshKey::fromText(pem);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        QCOMPARE(key->publicKeyHex(), AppendixAPublicHex);

        const QByteArray encrypted = pkcs8Pem(pkey.get(), "pem secret");
        QVERIFY(encrypted.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        VERIFY_ERROR(SshKey::fromText(encrypted), QStringLiteral("passphrase required"));
        VERIFY_ERROR(SshKey::fromText(encrypted, "not it"), QStringLiteral("wrong passphrase"));
        auto decrypted = SshKey::fromText(encrypted, "pem secret");
        QVERIFY2(decrypted.ok(), qPrintable(decrypted.error()));
        QCOMPARE(decrypted->publicKeyHex(), AppendixAPublicHex);
    }

    void rejectsRsaKeysByName()
    {
        Pkey rsa(EVP_RSA_gen(2048));
        QVERIFY(rsa);
        const QString expected = QStringLiteral("only Ed25519 keys are supported, this is an RSA key");
        VERIFY_ERROR(SshKey::fromText(pkcs8Pem(rsa.get())), expected);
        const QByteArray traditional = traditionalPem(rsa.get());
        QVERIFY(traditional.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        VERIFY_ERROR(SshKey::fromText(traditional), expected);
        VERIFY_ERROR(SshKey::fromFile(writeKey(QStringLiteral("id_rsa"), opensshRsa(rsa.get()))), expected);
        // Even encrypted, the type is named before any passphrase is asked for.
        VERIFY_ERROR(SshKey::fromText(pkcs8Pem(rsa.get()), "irrelevant"), expected);
    }

    void rejectsEcdsaKeysByName()
    {
        Pkey ec(EVP_EC_gen("P-256"));
        QVERIFY(ec);
        const QString expected = QStringLiteral("only Ed25519 keys are supported, this is an ECDSA key");
        VERIFY_ERROR(SshKey::fromText(pkcs8Pem(ec.get())), expected);
        VERIFY_ERROR(SshKey::fromText(traditionalPem(ec.get())), expected);
    }

    void truncatedKeysAreNamedAsSuch()
    {
        // Cut before the END line.
        const QByteArray noEnd = AppendixAKey.left(AppendixAKey.indexOf("-----END"));
        VERIFY_ERROR(SshKey::fromFile(writeKey(QStringLiteral("cut1"), noEnd)), QStringLiteral("truncated"));
        // Cut in the middle of the body but with a proper END line.
        const QList<QByteArray> lines = AppendixAKey.split('\n');
        const QByteArray shortBody = lines[0] + '\n' + lines[1] + '\n' + lines[2] + '\n' + lines.last() +
                                     "-----END OPENSSH PRIVATE KEY-----\n";
        VERIFY_ERROR(SshKey::fromText(shortBody), QStringLiteral("truncated or damaged"));
        // A PEM key without its END line.
        Pkey pkey = appendixAPkey();
        const QByteArray pem = pkcs8Pem(pkey.get());
        VERIFY_ERROR(SshKey::fromText(pem.left(pem.indexOf("-----END"))), QStringLiteral("truncated"));
        // Every possible cut of the OpenSSH body fails cleanly, never loads a wrong key.
        const QByteArray body = AppendixAKey.mid(36, AppendixAKey.indexOf("-----END") - 36);
        for (qsizetype cut = 4; cut < body.size() - 4; cut += 4) {
            const QByteArray text = "-----BEGIN OPENSSH PRIVATE KEY-----" + body.left(cut) +
                                    "\n-----END OPENSSH PRIVATE KEY-----\n";
            auto key = SshKey::fromText(text);
            QVERIFY2(!key.ok(), qPrintable(QStringLiteral("cut at %1 loaded").arg(cut)));
        }
    }

    void garbageIsNotAKey()
    {
        VERIFY_ERROR(
            SshKey::fromFile(writeKey(QStringLiteral("garbage"), QByteArray("hello, this is not a key\n"))),
            QStringLiteral("is not an SSH private key"));
        QByteArray random(512, '\0');
        for (qsizetype i = 0; i < random.size(); ++i)
            random[i] = char((i * 7919 + 13) % 256);
        VERIFY_ERROR(SshKey::fromFile(writeKey(QStringLiteral("random"), random)),
                     QStringLiteral("is not an SSH private key"));
        VERIFY_ERROR(SshKey::fromFile(writeKey(QStringLiteral("empty"), QByteArray())),
                     QStringLiteral("is empty"));
        VERIFY_ERROR(SshKey::fromText("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!not base64!!!\n"
                                      "-----END OPENSSH PRIVATE KEY-----\n"),
                     QStringLiteral("not valid base64"));
        VERIFY_ERROR(SshKey::fromText(
                         "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea"),
                     QStringLiteral("is a public key"));
    }

    void missingFileIsNamed()
    {
        const QString path = m_dir.filePath(QStringLiteral("does-not-exist"));
        auto key = SshKey::fromFile(path);
        VERIFY_ERROR(key, QStringLiteral("does not exist"));
        QVERIFY(key.error().contains(path));
        VERIFY_ERROR(SshKey::fromFile(m_dir.path()), QStringLiteral("folder"));
    }

    void encryptedKeyNeedsPassphrase()
    {
        const QString path = writeKey(QStringLiteral("encrypted"), EncryptedKey);
        VERIFY_ERROR(SshKey::fromFile(path), QStringLiteral("passphrase required"));
        VERIFY_ERROR(SshKey::fromFile(path, "wrong"), QStringLiteral("wrong passphrase"));
        auto key = SshKey::fromFile(path, "correct horse");
        QVERIFY2(key.ok(), qPrintable(key.error()));
        QCOMPARE(key->publicKeyHex(),
                 QStringLiteral("2f97f0e4bb810c4555d64f67b267ac5be5f1dfd0c67b4140fc25bc64dd4eddcb"));
    }

    void unsupportedCipherIsExplained()
    {
        auto key = SshKey::fromText(ChaChaKey, "x");
        VERIFY_ERROR(key, QStringLiteral("chacha20-poly1305@openssh.com"));
        QVERIFY(key.error().contains(QStringLiteral("ssh-keygen -p")));
    }

    void environmentVariables()
    {
        VERIFY_ERROR(SshKey::load(QString()), QStringLiteral("no SSH key given"));

        const QString path = writeKey(QStringLiteral("env_key"), AppendixAKey);
        qputenv(SshKey::KeyFileVariable, QFile::encodeName(path));
        auto fromFileVar = SshKey::load(QString());
        QVERIFY2(fromFileVar.ok(), qPrintable(fromFileVar.error()));
        QCOMPARE(fromFileVar->publicKeyHex(), AppendixAPublicHex);

        qputenv(SshKey::KeyFileVariable, QFile::encodeName(m_dir.filePath(QStringLiteral("nope"))));
        auto missing = SshKey::load(QString());
        VERIFY_ERROR(missing, QStringLiteral("ENCORD_SSH_KEY_FILE"));
        QVERIFY(missing.error().contains(QStringLiteral("does not exist")));

        qunsetenv(SshKey::KeyFileVariable);
        qputenv(SshKey::KeyVariable, AppendixAKey);
        auto fromText = SshKey::load(QString());
        QVERIFY2(fromText.ok(), qPrintable(fromText.error()));
        QCOMPARE(fromText->publicKeyHex(), AppendixAPublicHex);

        // Pasted with literal \n sequences.
        QByteArray escaped = AppendixAKey;
        escaped.replace("\n", "\\n");
        qputenv(SshKey::KeyVariable, escaped);
        auto fromEscaped = SshKey::load(QString());
        QVERIFY2(fromEscaped.ok(), qPrintable(fromEscaped.error()));

        qputenv(SshKey::KeyVariable, "garbage");
        VERIFY_ERROR(SshKey::load(QString()), QStringLiteral("ENCORD_SSH_KEY"));

        // An explicit path wins over the environment, as in the SDK.
        auto explicitPath = SshKey::load(path);
        QVERIFY2(explicitPath.ok(), qPrintable(explicitPath.error()));
    }

    void homeIsExpanded()
    {
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(m_dir.path()));
        writeKey(QStringLiteral("home_key"), AppendixAKey);
        auto key = SshKey::fromFile(QStringLiteral("~/home_key"));
        qputenv("HOME", oldHome);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        QCOMPARE(key->publicKeyHex(), AppendixAPublicHex);
    }

    void warnsAboutReadableKeyFiles()
    {
        const QString open =
            writeKey(QStringLiteral("open_key"), AppendixAKey,
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        auto key = SshKey::fromFile(open);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        QVERIFY(key->warning().contains(QStringLiteral("other users")));
        QVERIFY(key->warning().contains(QStringLiteral("chmod 600")));
        QVERIFY(key->warning().contains(QStringLiteral("0644")));

        const QString closed = writeKey(QStringLiteral("closed_key"), AppendixAKey);
        auto quiet = SshKey::fromFile(closed);
        QVERIFY(quiet.ok());
        QVERIFY(quiet->warning().isEmpty());
    }

    void errorsNeverContainKeyMaterial()
    {
        const QByteArray secretLine = AppendixAKey.split('\n').at(3);
        QByteArray broken = AppendixAKey;
        broken.replace("AAECAwQF", "AAECAwQG"); // damage the padding
        auto key = SshKey::fromText(broken);
        QVERIFY(!key.ok());
        QVERIFY(!key.error().contains(QString::fromLatin1(secretLine)));
        QVERIFY(!key.error().contains(QStringLiteral("9d61b19d")));
    }
};

QTEST_GUILESS_MAIN(TestEncordKeys)
#include "tst_encord_keys.moc"
