#pragma once

#include "jobs/job.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace lb {

class JobManager;

// The job panel's table: one row per listed job of a JobManager (background reads are left out), newest
// first. Rows are inserted when a job starts, updated through dataChanged as its (throttled) progress and
// state arrive, and removed when the manager clears finished jobs.
class JobsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        StateColumn,
        ProgressColumn,
        DoneColumn,
        BatchesColumn,
        RateColumn,
        EtaColumn,
        ResultColumn,
        ColumnCount
    };

    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
        StateRole,        // int(JobState)
        StateNameRole,    // "queued", "running", ...
        PercentRole,      // int 0..100, -1 while unknown
        DoneRole,         // qint64
        TotalRole,        // qint64
        BatchesDoneRole,  // int
        BatchesTotalRole, // int
        RateRole,         // double, items per second
        EtaRole,          // qint64 seconds, -1 while unknown
        ElapsedRole,      // qint64 milliseconds
        StageRole,        // QString
        ResultSummaryRole,
        ErrorRole,     // QString, empty unless the job failed or was cancelled with an error
        CanCancelRole, // bool: active and no cancel requested yet
        IsObsoleteRole,
        SortRole
    };

    explicit JobsModel(JobManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Job *jobAt(int row) const;
    int rowOf(const Job *job) const;

    // "1:05", "1:02:03"; empty for an unknown duration.
    static QString formatDuration(qint64 seconds);

private:
    QVariant displayData(const Job &job, int column) const;
    QVariant sortData(const Job &job, int column) const;
    QVariant roleData(const Job &job, int role) const; // the model's own roles
    void addJob(Job *job);
    void removeJob(Job *job);
    void jobUpdated(Job *job);

    QPointer<JobManager> m_manager;
    QList<Job *> m_jobs;
};

} // namespace lb
