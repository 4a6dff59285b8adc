#pragma once

#include "domain/result.h"
#include "encord/ssh/secretbytes.h"

#include <QByteArray>
#include <QString>

namespace lb {

// The OpenSSH private key container ("-----BEGIN OPENSSH PRIVATE KEY-----", PROTOCOL.key), unencrypted or
// protected by bcrypt_pbkdf + AES. Only Ed25519 keys are accepted; other types are named in the error.
class OpenSshKeyFile
{
public:
    static bool looksLikeOpenSsh(const QByteArray &text);
    // The 32-byte Ed25519 seed. `origin` names the key in messages ("the SSH key file ~/.ssh/id_ed25519").
    static Result<SecretBytes> ed25519Seed(const QByteArray &text, const QByteArray &passphrase,
                                           const QString &origin);
    // "an RSA key" for "ssh-rsa", ...; used so every loader names unsupported types the same way.
    static QString describeKeyType(const QString &sshKeyType);
};

} // namespace lb
