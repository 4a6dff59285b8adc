#pragma once

#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QString>

namespace lb {

// What an error message may mention besides the error itself.
struct EncordErrorContext
{
    QString publicKeyHex;
    QString projectHash;
    QString operation; // "listing label rows", ...
    QString traceId;
};

// Turns Encord's error answers into messages a user can act on (docs/encord-api.md §2.3, §2.4).
class EncordError
{
public:
    // A v1 envelope {"status": 400, "response": ["CODE"], "payload": ...}.
    static QString v1Message(const QString &code, const nlohmann::json &payload,
                             const EncordErrorContext &context);
    // A v2 answer with a status other than 200/204; the body's "message" or "detail" is quoted.
    static QString v2Message(int status, const QByteArray &body, const EncordErrorContext &context);
    // MULTI_LABEL_LIMIT_ERROR's payload; the SDK falls back to 100.
    static int maximumLabelsAllowed(const nlohmann::json &payload);
    static QString shortKey(const QString &publicKeyHex); // "d75a9801…"

private:
    // The message for a v1 error code, with the payload's detail where it helps.
    static QString v1Text(const QString &code, const nlohmann::json &payload,
                          const EncordErrorContext &context);
    static QString payloadDetail(const nlohmann::json &payload);
};

} // namespace lb
