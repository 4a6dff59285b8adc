#include "items/auditlogmodel.h"

#include "items/plaintext.h"
#include "store/store.h"

#include <algorithm>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace lb {

namespace {

// The summary with the operation's state when it did not simply finish: "(interrupted after batch 3 of 10)".
QString summaryText(const AuditEntry &entry)
{
    return entry.operationState.isEmpty()
               ? entry.summary
               : QStringLiteral("%1 (%2)").arg(entry.summary, entry.operationState);
}

QString formatTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return QString();
    return QLocale().toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QLocale().toString(qint64(number));
        return QLocale().toString(number);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return QStringLiteral("—");
    default:
        return QString::fromUtf8(
            QJsonDocument(value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
                .toJson(QJsonDocument::Compact));
    }
}

// "batchesDone" -> "Batches done", "data_hash" -> "Data hash": JSON keys as a reader would write them.
QString readableKey(const QString &key)
{
    QString words;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c == QLatin1Char('_') || c == QLatin1Char('-')) {
            words += QLatin1Char(' ');
        } else if (c.isUpper() && i > 0 && !key.at(i - 1).isUpper()) {
            words += QLatin1Char(' ');
            words += c.toLower();
        } else {
            words += c;
        }
    }
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    return words;
}

// What a reader looks for first: which branches, then what happened, then how; the rest alphabetically.
int keyRank(const QString &key)
{
    static const QStringList order = {
        QStringLiteral("source"),    QStringLiteral("target"),      QStringLiteral("name"),
        QStringLiteral("from"),      QStringLiteral("to"),          QStringLiteral("dataTitle"),
        QStringLiteral("decision"),  QStringLiteral("comment"),     QStringLiteral("reviewer"),
        QStringLiteral("count"),     QStringLiteral("created"),     QStringLiteral("replaced"),
        QStringLiteral("skipped"),   QStringLiteral("restored"),    QStringLiteral("removed"),
        QStringLiteral("cancelled"), QStringLiteral("overwrite"),   QStringLiteral("targetCreated"),
        QStringLiteral("batchSize"), QStringLiteral("batchesDone"), QStringLiteral("batchesTotal"),
    };
    const qsizetype rank = order.indexOf(key);
    return rank >= 0 ? int(rank) : int(order.size());
}

QString joinKey(const QString &outer, const QString &inner)
{
    return outer.isEmpty() ? inner : outer + QStringLiteral(" › ") + inner;
}

// One line per element of an array of objects ("Data units #1": "title · action"), joined values otherwise.
void addFields(QList<QPair<QString, QString>> &out, const QString &key, const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            out.append({key, QStringLiteral("—")});
        QStringList keys = object.keys();
        std::stable_sort(keys.begin(), keys.end(),
                         [](const QString &a, const QString &b) { return keyRank(a) < keyRank(b); });
        for (const QString &inner : keys)
            addFields(out, joinKey(key, readableKey(inner)), object.value(inner));
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool ofObjects = std::any_of(array.begin(), array.end(),
                                           [](const QJsonValue &v) { return v.isObject() || v.isArray(); });
        if (!ofObjects) {
            QStringList parts;
            for (const QJsonValue &v : array)
                parts.append(scalarText(v));
            out.append({key, parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "))});
            return;
        }
        out.append({key, array.size() == 1 ? AuditLogModel::tr("1 item")
                                           : AuditLogModel::tr("%1 items").arg(array.size())});
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue element = array.at(i);
            QStringList parts;
            if (element.isObject()) {
                const QJsonObject object = element.toObject();
                for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                    parts.append(QStringLiteral("%1: %2").arg(readableKey(it.key()), scalarText(it.value())));
            } else {
                parts.append(scalarText(element));
            }
            out.append({QStringLiteral("%1 #%2").arg(key).arg(i + 1), parts.join(QStringLiteral(" · "))});
        }
        return;
    }
    out.append({key, scalarText(value)});
}

} // namespace

AuditLogModel::AuditLogModel(QObject *parent) : QAbstractTableModel(parent) {}

Result<void> AuditLogModel::reload(Store &store)
{
    Result<QList<AuditEntry>> entries = store.auditLog();
    if (!entries) {
        const QString message = tr("Cannot read the audit log: %1").arg(entries.error());
        Q_EMIT loadFailed(message);
        return fail(message);
    }
    setEntries(std::move(entries).value());
    return {};
}

void AuditLogModel::setEntries(QList<AuditEntry> entries)
{
    const QStringList actionsBefore = actions();
    beginResetModel();
    m_entries = std::move(entries);
    applyFilters();
    endResetModel();
    if (actions() != actionsBefore)
        Q_EMIT actionsChanged();
}

void AuditLogModel::clear()
{
    setEntries({});
}

void AuditLogModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_textFilter)
        return;
    beginResetModel();
    m_textFilter = trimmed;
    applyFilters();
    endResetModel();
}

void AuditLogModel::setActionFilter(const QString &action)
{
    if (action == m_actionFilter)
        return;
    beginResetModel();
    m_actionFilter = action;
    applyFilters();
    endResetModel();
}

bool AuditLogModel::matches(const AuditEntry &entry) const
{
    if (!m_actionFilter.isEmpty() && entry.action != m_actionFilter)
        return false;
    if (m_textFilter.isEmpty())
        return true;
    const auto has = [this](const QString &text) { return text.contains(m_textFilter, Qt::CaseInsensitive); };
    return has(entry.summary) || has(entry.user) || has(entry.action) || has(actionDisplay(entry.action)) ||
           has(entry.details);
}

void AuditLogModel::applyFilters()
{
    m_shown.clear();
    m_shown.reserve(m_entries.size());
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (matches(m_entries.at(i)))
            m_shown.append(int(i));
    }
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const AuditEntry &entry = m_entries.at(m_shown.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatTime(entry.time);
        case ActionColumn:
            return actionDisplay(entry.action);
        case UserColumn:
            return entry.user;
        case SummaryColumn:
            return summaryText(entry);
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return entry.time.toUTC().toString(Qt::ISODate);
        if (index.column() == SummaryColumn)
            return plainText(summaryText(entry));
        return QVariant();
    case EntryIdRole:
        return entry.id;
    case ActionRole:
        return entry.action;
    case TimeRole:
        return entry.time;
    case UserNameRole:
        return entry.user;
    case SummaryRole:
        return entry.summary;
    case DetailsRole:
        return entry.details;
    case OperationIdRole:
        return entry.operationId;
    default:
        return QVariant();
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case UserColumn:
        return tr("User");
    case SummaryColumn:
        return tr("Summary");
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> AuditLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(ActionRole, "action");
    names.insert(TimeRole, "time");
    names.insert(UserNameRole, "user");
    names.insert(SummaryRole, "summary");
    names.insert(DetailsRole, "details");
    names.insert(OperationIdRole, "operationId");
    return names;
}

const AuditEntry *AuditLogModel::entryAt(int row) const
{
    if (row < 0 || row >= m_shown.size())
        return nullptr;
    return &m_entries.at(m_shown.at(row));
}

int AuditLogModel::rowOfEntry(qint64 id) const
{
    for (qsizetype row = 0; row < m_shown.size(); ++row) {
        if (m_entries.at(m_shown.at(row)).id == id)
            return int(row);
    }
    return -1;
}

QStringList AuditLogModel::actions() const
{
    QStringList names;
    for (const AuditEntry &entry : m_entries) {
        if (!names.contains(entry.action))
            names.append(entry.action);
    }
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return actionDisplay(a).compare(actionDisplay(b), Qt::CaseInsensitive) < 0;
    });
    return names;
}

QString AuditLogModel::actionDisplay(const QString &action)
{
    static const QHash<QString, QString> names = {
        {QStringLiteral("copy"), tr("Copy")},
        {QStringLiteral("sync"), tr("Sync")},
        {QStringLiteral("snapshot"), tr("Snapshot")},
        {QStringLiteral("import"), tr("Import")},
        {QStringLiteral("undo"), tr("Undo")},
        {QStringLiteral("apply-review"), tr("Apply review")},
        {QStringLiteral("branch-create"), tr("Branch created")},
        {QStringLiteral("branch-rename"), tr("Branch renamed")},
        {QStringLiteral("branch-delete"), tr("Branch deleted")},
        {QStringLiteral("review-approve"), tr("Review: approved")},
        {QStringLiteral("review-reject"), tr("Review: rejected")},
        {QStringLiteral("review-clear"), tr("Review: cleared")},
    };
    return names.value(action, action);
}

QList<QPair<QString, QString>> AuditLogModel::detailFields(const QString &detailsJson)
{
    QList<QPair<QString, QString>> fields;
    if (detailsJson.trimmed().isEmpty())
        return fields;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(detailsJson.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        fields.append({tr("Details"), detailsJson});
        return fields;
    }
    addFields(fields, QString(), document.object());
    return fields;
}

QString AuditLogModel::prettyDetails(const QString &detailsJson)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(detailsJson.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return detailsJson;
    return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace lb
