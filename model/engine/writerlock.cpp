#include "engine/writerlock.h"

#include "domain/wording.h"
#include "store/operationowner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>

namespace lb {

namespace {

constexpr int kPollMs = 100;

} // namespace

WriterLock::WriterLock(Store &store, OperationRecord record) : m_store(store), m_record(std::move(record)) {}

WriterLock::~WriterLock()
{
    if (!m_kept)
        release();
    else
        operationowner::release(m_record.owner);
}

Result<void> WriterLock::acquire(const JobControl &control)
{
    m_record.owner = operationowner::create();
    m_record.state = OperationState::Running;
    QElapsedTimer waited;
    waited.start();
    QString holder;
    for (;;) {
        m_record.startedAt = QDateTime::currentDateTimeUtc();
        const Result<qint64> begun = m_store.beginOperation(m_record);
        if (begun) {
            m_record.id = begun.value();
            m_held = true;
            return {};
        }
        if (begun.errorKind() != ErrorKind::Busy) {
            operationowner::release(m_record.owner);
            return begun.takeError();
        }
        if (begun.error() != holder) {
            holder = begun.error();
            Progress progress;
            progress.stage = QStringLiteral("waiting for ") + holder;
            progress.waiting = true;
            control.report(progress);
        }
        if (control.isCancelled() || waited.elapsed() >= control.lockWaitMs) {
            operationowner::release(m_record.owner);
            if (control.isCancelled())
                return fail(ErrorKind::Cancelled,
                            QStringLiteral("cancelled while waiting for %1; nothing was written").arg(holder));
            return fail(ErrorKind::Busy,
                        QStringLiteral("branch %1 is busy: waited %2 s for %3; nothing was written")
                            .arg(quoted(m_record.targetBranch))
                            .arg(waited.elapsed() / 1000)
                            .arg(holder));
        }
        QThread::msleep(kPollMs);
    }
}

Result<void> WriterLock::createTargetBranch(const QString &createdFrom, bool isSnapshot)
{
    m_record.createdTargetBranch = true;
    if (Result<void> noted = m_store.finishOperation(m_record); !noted) // still running
        return noted;
    return m_store.createBranch(m_record.targetBranch, createdFrom, isSnapshot);
}

void WriterLock::release()
{
    if (m_held) {
        (void)m_store.dropOperation(m_record.id);
        m_held = false;
    }
    operationowner::release(m_record.owner);
}

} // namespace lb
