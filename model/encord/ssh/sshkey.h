#pragma once

#include "domain/result.h"

#include <memory>
#include <QByteArray>
#include <QString>

struct evp_pkey_st;

namespace lb {

// An Ed25519 private key for signing Encord requests. The key material lives only inside OpenSSL; it is
// never logged, printed or written anywhere, and the buffers it was read from are wiped.
class SshKey
{
public:
    static constexpr const char *KeyFileVariable = "ENCORD_SSH_KEY_FILE";
    static constexpr const char *KeyVariable = "ENCORD_SSH_KEY";

    // Where the key comes from, in the SDK's order: the path if given, else ENCORD_SSH_KEY_FILE,
    // else the key text in ENCORD_SSH_KEY. An empty passphrase means "none".
    static Result<SshKey> load(const QString &path, const QByteArray &passphrase = QByteArray());
    static Result<SshKey> fromFile(const QString &path, const QByteArray &passphrase = QByteArray());
    static Result<SshKey> fromEnvironment(const QByteArray &passphrase = QByteArray());
    // OpenSSH or PEM (PKCS#8) text. `origin` names the key in error messages.
    static Result<SshKey> fromText(const QByteArray &text, const QByteArray &passphrase = QByteArray(),
                                   const QString &origin = QStringLiteral("the SSH key"));
    static Result<SshKey> fromSeed(const QByteArray &seed32);

    static QString expandHome(const QString &path);

    bool isNull() const { return !m_key; }
    QByteArray publicKey() const { return m_publicKey; } // 32 raw bytes
    QString publicKeyHex() const;                        // 64 lower-case hex characters
    // Something the caller should show, e.g. that the key file is readable by other users; empty if all is
    // well.
    QString warning() const { return m_warning; }
    QString origin() const { return m_origin; }

    // Pure Ed25519 signature (64 bytes) of message; empty if signing failed.
    QByteArray sign(const QByteArray &message) const;

private:
    static Result<SshKey> fromPem(const QByteArray &text, const QByteArray &passphrase,
                                  const QString &origin);
    static Result<SshKey> fromPkey(std::shared_ptr<evp_pkey_st> key, const QString &origin);

    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_publicKey;
    QString m_origin;
    QString m_warning;
};

} // namespace lb
