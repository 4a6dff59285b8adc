#include "engine/auditentrybuilder.h"

namespace lb {

AuditEntryBuilder::AuditEntryBuilder(QString user, QString action)
{
    m_entry.user = std::move(user);
    m_entry.action = std::move(action);
}

AuditEntryBuilder &AuditEntryBuilder::summary(QString text)
{
    m_entry.summary = std::move(text);
    return *this;
}

AuditEntryBuilder &AuditEntryBuilder::details(const nlohmann::json &details)
{
    m_entry.details = QString::fromStdString(details.dump());
    return *this;
}

AuditEntryBuilder &AuditEntryBuilder::operation(qint64 operationId)
{
    m_entry.operationId = operationId;
    return *this;
}

AuditEntryBuilder &AuditEntryBuilder::at(const QDateTime &utc)
{
    m_entry.time = utc;
    return *this;
}

AuditEntry AuditEntryBuilder::build() const
{
    AuditEntry entry = m_entry;
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    return entry;
}

Result<void> AuditEntryBuilder::appendTo(Store &store, const QString &whatHappened) const
{
    if (Result<void> audited = store.appendAudit(build()); !audited)
        return fail(QStringLiteral("%1 but the audit log could not be updated: %2")
                        .arg(whatHappened, audited.error()));
    return {};
}

} // namespace lb
