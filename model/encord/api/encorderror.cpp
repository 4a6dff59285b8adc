#include "encord/api/encorderror.h"

#include "domain/boundedjson.h"

namespace lb {

namespace {

QString unregisteredKey(const EncordErrorContext &context)
{
    return QStringLiteral(
               "the SSH key is not registered with Encord (public key %1); add its public key to your "
               "Encord account, or choose the key that is registered")
        .arg(EncordError::shortKey(context.publicKeyHex));
}

QString project(const EncordErrorContext &context)
{
    return context.projectHash.isEmpty() ? QStringLiteral("this project")
                                         : QStringLiteral("project %1").arg(context.projectHash);
}

// What Encord's v1 error codes mean to a user (docs/encord-api.md §2.3); %1 is filled in as `fill` says.
struct V1Text
{
    enum Fill
    {
        Nothing,
        Project,
        Key,
    };
    const char *code;
    const char *text;
    Fill fill;
};

const V1Text V1Texts[] = {
    {"AUTHENTICATION_ERROR",
     "Encord could not authenticate the request; check that the SSH key (public key %1) is registered with "
     "Encord",
     V1Text::Key},
    {"AUTHORISATION_ERROR",
     "you have no access to %1 on Encord (or it does not exist); ask a project admin to add the account of "
     "this SSH key",
     V1Text::Project},
    {"RESOURCE_NOT_FOUND_ERROR", "Encord could not find what was asked for in %1", V1Text::Project},
    {"METHOD_NOT_ALLOWED_ERROR", "Encord does not allow this operation on %1", V1Text::Project},
    {"OPERATION_NOT_ALLOWED", "Encord does not allow this operation", V1Text::Nothing},
    {"ANSWER_DICTIONARY_ERROR",
     "Encord rejected a label row: an object or classification is missing in the answer dictionaries",
     V1Text::Nothing},
    {"CORRUPTED_LABEL_ERROR", "Encord rejected a label row as corrupted", V1Text::Nothing},
    {"FEATURE_DOES_NOT_EXIST_ERROR", "a label uses a feature that does not exist in the project's ontology",
     V1Text::Nothing},
    {"RESOURCE_EXISTS_ERROR", "Encord already has this label row", V1Text::Nothing},
    {"INVALID_ARGUMENTS_ERROR", "Encord rejected the request's arguments", V1Text::Nothing},
    {"INVALID_DATE_FORMAT_ERROR", "Encord rejected a date in the request", V1Text::Nothing},
    {"DUPLICATE_SSH_KEY_ERROR", "this SSH key is already registered with Encord", V1Text::Nothing},
    {"WRONG_PROJECT_TYPE_ERROR", "%1 is of a type that does not support this operation", V1Text::Project},
    {"FILE_TYPE_NOT_SUPPORTED_ERROR", "Encord does not support this file type", V1Text::Nothing},
    {"FILE_SIZE_NOT_SUPPORTED_ERROR", "Encord does not support a file of this size", V1Text::Nothing},
    {"MODEL_WEIGHTS_INCONSISTENT_ERROR", "Encord reports inconsistent model data", V1Text::Nothing},
    {"MODEL_FEATURES_INCONSISTENT_ERROR", "Encord reports inconsistent model data", V1Text::Nothing},
    {"UPLOAD_OPERATION_NOT_SUPPORTED_ERROR", "Encord does not support this upload", V1Text::Nothing},
    {"MUST_SET_DETECTION_RANGE_ERROR", "Encord needs a valid detection range", V1Text::Nothing},
    {"DETECTION_RANGE_INVALID_ERROR", "Encord needs a valid detection range", V1Text::Nothing},
    {"UNKNOWN_ERROR", "Encord reported an internal error", V1Text::Nothing},
};

} // namespace

QString EncordError::shortKey(const QString &publicKeyHex)
{
    if (publicKeyHex.size() <= 12)
        return publicKeyHex;
    return publicKeyHex.left(12) + QChar(0x2026);
}

int EncordError::maximumLabelsAllowed(const nlohmann::json &payload)
{
    if (payload.is_object()) {
        const auto it = payload.find("maximum_labels_allowed");
        if (it != payload.end() && it->is_number_integer() && it->get<int>() > 0)
            return it->get<int>();
    }
    return 100;
}

QString EncordError::payloadDetail(const nlohmann::json &payload)
{
    if (payload.is_string())
        return QString::fromStdString(payload.get<std::string>());
    if (payload.is_null())
        return {};
    return QString::fromStdString(payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

QString EncordError::v1Text(const QString &code, const nlohmann::json &payload,
                            const EncordErrorContext &context)
{
    if (code == QLatin1String("SSH_KEY_NOT_FOUND_ERROR"))
        return unregisteredKey(context);
    if (code == QLatin1String("MULTI_LABEL_LIMIT_ERROR"))
        return QStringLiteral("too many label rows in one request: Encord allows at most %1 per request")
            .arg(maximumLabelsAllowed(payload));
    QString text = QStringLiteral("Encord reported an error");
    for (const V1Text &known : V1Texts) {
        if (code != QLatin1String(known.code))
            continue;
        text = QString::fromLatin1(known.text);
        if (known.fill == V1Text::Project)
            text = text.arg(project(context));
        else if (known.fill == V1Text::Key)
            text = text.arg(shortKey(context.publicKeyHex));
        break;
    }
    const QString detail = payloadDetail(payload);
    if (!detail.isEmpty())
        text += QStringLiteral(" (%1)").arg(detail);
    return text;
}

QString EncordError::v1Message(const QString &code, const nlohmann::json &payload,
                               const EncordErrorContext &context)
{
    QString message = v1Text(code, payload, context);
    message += QStringLiteral(" [%1").arg(code.isEmpty() ? QStringLiteral("no error code") : code);
    if (!context.traceId.isEmpty() && (code == QLatin1String("UNKNOWN_ERROR") || code.isEmpty()))
        message += QStringLiteral(", trace %1").arg(context.traceId);
    message += QLatin1Char(']');
    if (!context.operation.isEmpty())
        message = context.operation + QStringLiteral(" failed: ") + message;
    return message;
}

QString EncordError::v2Message(int status, const QByteArray &body, const EncordErrorContext &context)
{
    QString detail;
    const nlohmann::json parsed = boundedjson::parseOrDiscard(body);
    if (parsed.is_object()) {
        for (const char *key : {"message", "detail"}) {
            const auto it = parsed.find(key);
            if (it != parsed.end() && !it->is_null()) {
                detail = payloadDetail(*it);
                break;
            }
        }
    }
    QString message;
    switch (status) {
    case 400:
        message = QStringLiteral("Encord rejected the request's arguments");
        break;
    case 401:
        // v2 answers 401 where v1 says SSH_KEY_NOT_FOUND_ERROR; a wrong clock also ends here.
        message = unregisteredKey(context) + QStringLiteral(" (or this computer's clock is far off)");
        break;
    case 403:
        message = QStringLiteral("you have no access to %1 on Encord").arg(project(context));
        break;
    case 404:
        message = QStringLiteral("Encord could not find what was asked for (check the project ID)");
        break;
    case 405:
        message = QStringLiteral("Encord does not allow this operation");
        break;
    case 413:
        message = QStringLiteral("the request is too large for Encord");
        break;
    case 429:
        message = QStringLiteral("Encord is rate limiting this account; try again later");
        break;
    default:
        message = QStringLiteral("Encord's server failed");
        break;
    }
    if (!detail.isEmpty())
        message += QStringLiteral(" (%1)").arg(detail);
    message += QStringLiteral(" [HTTP %1").arg(status);
    if (!context.traceId.isEmpty() && status >= 500)
        message += QStringLiteral(", trace %1").arg(context.traceId);
    message += QLatin1Char(']');
    if (!context.operation.isEmpty())
        message = context.operation + QStringLiteral(" failed: ") + message;
    return message;
}

} // namespace lb
