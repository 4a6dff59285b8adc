#include "items/jobsmodel.h"

#include "items/plaintext.h"
#include "jobs/jobmanager.h"

#include <QLocale>

namespace lb {

JobsModel::JobsModel(JobManager *manager, QObject *parent) : QAbstractTableModel(parent), m_manager(manager)
{
    if (!manager)
        return;
    for (Job *job : manager->jobs())
        addJob(job);
    connect(manager, &JobManager::jobAdded, this, &JobsModel::addJob);
    connect(manager, &JobManager::jobAboutToBeRemoved, this, &JobsModel::removeJob);
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Job *JobsModel::jobAt(int row) const
{
    return row >= 0 && row < m_jobs.size() ? m_jobs.at(row) : nullptr;
}

int JobsModel::rowOf(const Job *job) const
{
    return int(m_jobs.indexOf(job));
}

QString JobsModel::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QString();
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    const qint64 secs = seconds % 60;
    const QString mmss = QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
    if (hours == 0)
        return mmss;
    return QStringLiteral("%1:%2:%3")
        .arg(hours)
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(secs, 2, 10, QLatin1Char('0'));
}

namespace {

QString stateText(const Job &job)
{
    if (job.isActive() && job.isCancelRequested())
        return QStringLiteral("Cancelling…");
    QString text = jobStateDisplay(job.state());
    if (job.isObsolete() && !job.isActive())
        text += QStringLiteral(" (replaced)");
    return text;
}

QString progressText(const Job &job)
{
    const int percent = job.percent();
    if (percent < 0)
        return job.isActive() ? job.progress().stage : QString();
    return QStringLiteral("%1%").arg(percent);
}

QString doneText(const Job &job)
{
    const Progress p = job.progress();
    const QLocale locale;
    if (p.total <= 0)
        return p.done > 0 ? locale.toString(p.done) : QString();
    return QStringLiteral("%1 / %2").arg(locale.toString(p.done), locale.toString(p.total));
}

QString batchesText(const Job &job)
{
    const Progress p = job.progress();
    if (p.batchesTotal <= 0)
        return p.batchesDone > 0 ? QString::number(p.batchesDone) : QString();
    return QStringLiteral("%1 / %2").arg(p.batchesDone).arg(p.batchesTotal);
}

QString rateText(const Job &job)
{
    const double rate = job.rate();
    if (rate <= 0.0)
        return QString();
    return QStringLiteral("%1 rows/s").arg(QLocale().toString(qRound64(rate)));
}

} // namespace

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Job &job = *m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(job, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ResultColumn || index.column() == TitleColumn) {
            const QString outcome = job.outcomeText();
            return plainText(outcome.isEmpty() ? job.title() : job.title() + QLatin1Char('\n') + outcome);
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case ProgressColumn:
        case DoneColumn:
        case BatchesColumn:
        case RateColumn:
        case EtaColumn:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return QVariant();
    case SortRole:
        return sortData(job, index.column());
    }
    return roleData(job, role);
}

QVariant JobsModel::displayData(const Job &job, int column) const
{
    switch (column) {
    case TitleColumn:
        return job.title();
    case StateColumn:
        return stateText(job);
    case ProgressColumn:
        return progressText(job);
    case DoneColumn:
        return doneText(job);
    case BatchesColumn:
        return batchesText(job);
    case RateColumn:
        return rateText(job);
    case EtaColumn:
        return job.isActive() ? formatDuration(job.etaSeconds()) : QString();
    case ResultColumn:
        return job.isActive() ? job.progress().stage : job.outcomeText();
    }
    return QVariant();
}

QVariant JobsModel::sortData(const Job &job, int column) const
{
    switch (column) {
    case TitleColumn:
        return job.title();
    case StateColumn:
        return int(job.state());
    case ProgressColumn:
        return job.percent();
    case DoneColumn:
        return job.progress().done;
    case BatchesColumn:
        return job.progress().batchesDone;
    case RateColumn:
        return job.rate();
    case EtaColumn:
        return job.etaSeconds();
    case ResultColumn:
        return job.outcomeText();
    }
    return QVariant();
}

QVariant JobsModel::roleData(const Job &job, int role) const
{
    const Progress progress = job.progress();
    switch (role) {
    case JobIdRole:
        return job.id();
    case StateRole:
        return int(job.state());
    case StateNameRole:
        return jobStateName(job.state());
    case PercentRole:
        return job.percent();
    case DoneRole:
        return progress.done;
    case TotalRole:
        return progress.total;
    case BatchesDoneRole:
        return progress.batchesDone;
    case BatchesTotalRole:
        return progress.batchesTotal;
    case RateRole:
        return job.rate();
    case EtaRole:
        return job.etaSeconds();
    case ElapsedRole:
        return job.elapsedMs();
    case StageRole:
        return progress.stage;
    case ResultSummaryRole:
        return job.resultSummary();
    case ErrorRole:
        return job.errorMessage();
    case CanCancelRole:
        return job.isActive() && !job.isCancelRequested();
    case IsObsoleteRole:
        return job.isObsolete();
    }
    return QVariant();
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return QStringLiteral("Job");
    case StateColumn:
        return QStringLiteral("State");
    case ProgressColumn:
        return QStringLiteral("Progress");
    case DoneColumn:
        return QStringLiteral("Rows");
    case BatchesColumn:
        return QStringLiteral("Batches");
    case RateColumn:
        return QStringLiteral("Rate");
    case EtaColumn:
        return QStringLiteral("ETA");
    case ResultColumn:
        return QStringLiteral("Result");
    }
    return QVariant();
}

QHash<int, QByteArray> JobsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(JobIdRole, "jobId");
    names.insert(StateRole, "state");
    names.insert(StateNameRole, "stateName");
    names.insert(PercentRole, "percent");
    names.insert(DoneRole, "done");
    names.insert(TotalRole, "total");
    names.insert(BatchesDoneRole, "batchesDone");
    names.insert(BatchesTotalRole, "batchesTotal");
    names.insert(RateRole, "rate");
    names.insert(EtaRole, "eta");
    names.insert(ElapsedRole, "elapsed");
    names.insert(StageRole, "stage");
    names.insert(ResultSummaryRole, "resultSummary");
    names.insert(ErrorRole, "error");
    names.insert(CanCancelRole, "canCancel");
    names.insert(IsObsoleteRole, "isObsolete");
    return names;
}

void JobsModel::addJob(Job *job)
{
    if (!job || job->listing() == JobListing::Background || m_jobs.contains(job))
        return;
    beginInsertRows(QModelIndex(), 0, 0); // newest first
    m_jobs.prepend(job);
    endInsertRows();
    connect(job, &Job::progressChanged, this, [this, job]() { jobUpdated(job); });
    connect(job, &Job::stateChanged, this, [this, job]() { jobUpdated(job); });
    // A job deleted by someone other than the manager must not leave a dangling row.
    connect(job, &QObject::destroyed, this, [this, job]() { removeJob(job); });
}

void JobsModel::removeJob(Job *job)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    disconnect(job, nullptr, this, nullptr);
    beginRemoveRows(QModelIndex(), row, row);
    m_jobs.removeAt(row);
    endRemoveRows();
}

void JobsModel::jobUpdated(Job *job)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace lb
