#pragma once

#include "domain/operationrecord.h"
#include "domain/result.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QStringList>

namespace lb {

class Store;

// The audit log (every copy, sync, snapshot, undo, import, branch change, review decision and applied
// review), newest first as the store returns it, with a text filter and an action filter. The filters are
// part of the model rather than a proxy because the log is short (one line per operation, not per row) and
// the view wants the count of matching entries next to the filters.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        ActionColumn,
        UserColumn,
        SummaryColumn,
        ColumnCount
    };

    enum Role
    {
        EntryIdRole = Qt::UserRole + 1, // qint64
        ActionRole,                     // "copy", "review-approve", ...
        TimeRole,                       // QDateTime (UTC)
        UserNameRole,
        SummaryRole,
        DetailsRole,    // the JSON object text
        OperationIdRole // qint64, 0 when no journaled operation belongs to the entry
    };

    explicit AuditLogModel(QObject *parent = nullptr);

    // Reads the whole log from `store` on the calling thread: one short query over a small table. On failure
    // the model keeps what it showed and the error is returned (and emitted).
    Result<void> reload(Store &store);
    // Entries newest first, as Store::auditLog() returns them.
    void setEntries(QList<AuditEntry> entries);
    void clear();

    // Case-insensitive; matches the summary, the user, the action (its name and its display text) and the
    // details. Empty: no text filter.
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_textFilter; }
    // An action name ("sync"); empty: every action.
    void setActionFilter(const QString &action);
    QString actionFilter() const { return m_actionFilter; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const AuditEntry *entryAt(int row) const; // a shown (filtered) row
    int rowOfEntry(qint64 id) const;          // -1 when not shown
    const QList<AuditEntry> &allEntries() const { return m_entries; }
    int totalCount() const { return int(m_entries.size()); }
    // The distinct actions of the whole log, by display text: what an action filter can choose from.
    QStringList actions() const;

    // "Copy", "Sync", "Review: approved", "Branch created", ...; unknown actions are shown as they are.
    static QString actionDisplay(const QString &action);
    // The details JSON as readable (field, value) lines: keys in words ("batchesDone" -> "Batches done"),
    // branches and counts first, nested objects as "Outer › Inner", arrays of values joined, arrays of
    // objects one line per element ("Data units #1"). Text that is not a JSON object is a single "Details"
    // line.
    static QList<QPair<QString, QString>> detailFields(const QString &detailsJson);
    // The details JSON indented for reading; the text as it is when it is not JSON.
    static QString prettyDetails(const QString &detailsJson);

Q_SIGNALS:
    void loadFailed(const QString &message);
    void actionsChanged();

private:
    bool matches(const AuditEntry &entry) const;
    void applyFilters();

    QList<AuditEntry> m_entries; // newest first
    QList<int> m_shown;          // indexes into m_entries
    QString m_textFilter;
    QString m_actionFilter;
};

} // namespace lb
