#include "window/demoprojectcreator.h"

#include "demo/demogenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace lb {

DemoProjectCreator::DemoProjectCreator(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

DemoProjectCreator::~DemoProjectCreator()
{
    cancel();
    waitForFinished();
}

bool DemoProjectCreator::isRunning() const
{
    return m_future.isRunning();
}

void DemoProjectCreator::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DemoProjectCreator::waitForFinished()
{
    m_future.waitForFinished();
}

void DemoProjectCreator::start(const QString &path, int size)
{
    if (isRunning())
        return;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;
    QPointer<DemoProjectCreator> self(this);
    m_future = QtConcurrent::run(&m_pool, [self, path, size, cancelFlag] {
        // Results come back as queued calls; `self` guards against the creator having gone meanwhile.
        auto post = [self](auto function) {
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self, function] {
                    if (self)
                        function(self.data());
                },
                Qt::QueuedConnection);
        };
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath())) {
            post([path](DemoProjectCreator *c) {
                Q_EMIT c->failed(DemoProjectCreator::tr("Cannot create the folder for %1").arg(path));
            });
            return;
        }
        JobControl control;
        control.cancelFlag = cancelFlag.get();
        auto sinceLastReport = std::make_shared<QElapsedTimer>();
        control.onProgress = [post, sinceLastReport](const Progress &progress) {
            // Generation reports per data unit; the window needs no more than a few updates a second.
            if (sinceLastReport->isValid() && sinceLastReport->elapsed() < 100 &&
                progress.done < progress.total)
                return;
            sinceLastReport->start();
            const qint64 done = progress.done, total = progress.total;
            post([done, total](DemoProjectCreator *c) { Q_EMIT c->progressChanged(done, total); });
        };
        const Result<DemoReport> report = DemoGenerator(size).writeProject(path, control);
        if (report.ok()) {
            post([path](DemoProjectCreator *c) { Q_EMIT c->succeeded(path); });
        } else {
            const QString message = report.error();
            post([message](DemoProjectCreator *c) {
                Q_EMIT c->failed(
                    DemoProjectCreator::tr("Could not create the demo project: %1").arg(message));
            });
        }
    });
}

} // namespace lb
