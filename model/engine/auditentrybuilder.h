#pragma once

#include "domain/operationrecord.h"
#include "domain/result.h"
#include "store/store.h"

#include <nlohmann/json.hpp>
#include <QDateTime>
#include <QString>

namespace lb {

// Builds and appends the audit log's lines for the engine and the review engine, so every line is stamped
// the same way and a failed append is reported in the same words whichever write it follows.
class AuditEntryBuilder
{
public:
    AuditEntryBuilder(QString user, QString action);

    AuditEntryBuilder &summary(QString text);
    AuditEntryBuilder &details(const nlohmann::json &details);
    AuditEntryBuilder &operation(qint64 operationId);
    AuditEntryBuilder &at(const QDateTime &utc); // now when not given

    AuditEntry build() const;

    // Appends the built entry; when that fails, the error says that `whatHappened` ("the branch was
    // changed") but the audit log could not be updated.
    Result<void> appendTo(Store &store, const QString &whatHappened) const;

private:
    AuditEntry m_entry;
};

} // namespace lb
