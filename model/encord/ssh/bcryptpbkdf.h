#pragma once

#include "domain/result.h"

#include <QByteArray>

namespace lb {

// bcrypt_pbkdf as OpenSSH uses it to turn a passphrase into the key and IV of an encrypted private key.
class BcryptPbkdf
{
public:
    static Result<QByteArray> derive(const QByteArray &passphrase, const QByteArray &salt, int rounds,
                                     int outputLength);

private:
    static QByteArray hash(const QByteArray &sha2pass, const QByteArray &sha2salt);
};

} // namespace lb
