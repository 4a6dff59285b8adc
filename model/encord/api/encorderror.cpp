#include "encord/api/encorderror.h"

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

QString EncordError::v1Message(const QString &code, const nlohmann::json &payload,
                               const EncordErrorContext &context)
{
    const QString detail = payloadDetail(payload);
    auto withDetail = [&detail](QString text) {
        if (!detail.isEmpty())
            text += QStringLiteral(" (%1)").arg(detail);
        return text;
    };
    QString message;
    if (code == QLatin1String("SSH_KEY_NOT_FOUND_ERROR"))
        message = unregisteredKey(context);
    else if (code == QLatin1String("AUTHENTICATION_ERROR"))
        message = withDetail(
            QStringLiteral("Encord could not authenticate the request; check that the SSH key (public "
                           "key %1) is registered with Encord")
                .arg(shortKey(context.publicKeyHex)));
    else if (code == QLatin1String("AUTHORISATION_ERROR"))
        message = withDetail(
            QStringLiteral("you have no access to %1 on Encord (or it does not exist); ask a project "
                           "admin to add the account of this SSH key")
                .arg(project(context)));
    else if (code == QLatin1String("RESOURCE_NOT_FOUND_ERROR"))
        message = withDetail(
            QStringLiteral("Encord could not find what was asked for in %1").arg(project(context)));
    else if (code == QLatin1String("MULTI_LABEL_LIMIT_ERROR"))
        message = QStringLiteral("too many label rows in one request: Encord allows at most %1 per request")
                      .arg(maximumLabelsAllowed(payload));
    else if (code == QLatin1String("METHOD_NOT_ALLOWED_ERROR"))
        message =
            withDetail(QStringLiteral("Encord does not allow this operation on %1").arg(project(context)));
    else if (code == QLatin1String("OPERATION_NOT_ALLOWED"))
        message = withDetail(QStringLiteral("Encord does not allow this operation"));
    else if (code == QLatin1String("ANSWER_DICTIONARY_ERROR"))
        message = withDetail(
            QStringLiteral("Encord rejected a label row: an object or classification is missing in "
                           "the answer dictionaries"));
    else if (code == QLatin1String("CORRUPTED_LABEL_ERROR"))
        message = withDetail(QStringLiteral("Encord rejected a label row as corrupted"));
    else if (code == QLatin1String("FEATURE_DOES_NOT_EXIST_ERROR"))
        message = withDetail(
            QStringLiteral("a label uses a feature that does not exist in the project's ontology"));
    else if (code == QLatin1String("RESOURCE_EXISTS_ERROR"))
        message = withDetail(QStringLiteral("Encord already has this label row"));
    else if (code == QLatin1String("INVALID_ARGUMENTS_ERROR"))
        message = withDetail(QStringLiteral("Encord rejected the request's arguments"));
    else if (code == QLatin1String("INVALID_DATE_FORMAT_ERROR"))
        message = withDetail(QStringLiteral("Encord rejected a date in the request"));
    else if (code == QLatin1String("DUPLICATE_SSH_KEY_ERROR"))
        message = withDetail(QStringLiteral("this SSH key is already registered with Encord"));
    else if (code == QLatin1String("WRONG_PROJECT_TYPE_ERROR"))
        message = withDetail(
            QStringLiteral("%1 is of a type that does not support this operation").arg(project(context)));
    else if (code == QLatin1String("FILE_TYPE_NOT_SUPPORTED_ERROR"))
        message = withDetail(QStringLiteral("Encord does not support this file type"));
    else if (code == QLatin1String("FILE_SIZE_NOT_SUPPORTED_ERROR"))
        message = withDetail(QStringLiteral("Encord does not support a file of this size"));
    else if (code == QLatin1String("MODEL_WEIGHTS_INCONSISTENT_ERROR") ||
             code == QLatin1String("MODEL_FEATURES_INCONSISTENT_ERROR"))
        message = withDetail(QStringLiteral("Encord reports inconsistent model data"));
    else if (code == QLatin1String("UPLOAD_OPERATION_NOT_SUPPORTED_ERROR"))
        message = withDetail(QStringLiteral("Encord does not support this upload"));
    else if (code == QLatin1String("MUST_SET_DETECTION_RANGE_ERROR") ||
             code == QLatin1String("DETECTION_RANGE_INVALID_ERROR"))
        message = withDetail(QStringLiteral("Encord needs a valid detection range"));
    else if (code == QLatin1String("UNKNOWN_ERROR"))
        message = withDetail(QStringLiteral("Encord reported an internal error"));
    else
        message = withDetail(QStringLiteral("Encord reported an error"));

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
    const nlohmann::json parsed =
        nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
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
