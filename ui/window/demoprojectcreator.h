#pragma once

#include <atomic>
#include <memory>
#include <QFuture>
#include <QObject>
#include <QString>
#include <QThreadPool>

namespace lb {

// Generates the demo project file on a worker thread (the first start of the application, File ▸ New Demo
// Project), reporting progress to the GUI thread. Not a project job: no project is open while it runs.
class DemoProjectCreator : public QObject
{
    Q_OBJECT
public:
    explicit DemoProjectCreator(QObject *parent = nullptr);
    ~DemoProjectCreator() override; // cancels and waits, so no worker outlives the object

    bool isRunning() const;
    void start(const QString &path, int size);
    void cancel();
    // Blocks until the worker has returned. For shutdown and tests.
    void waitForFinished();

Q_SIGNALS:
    void progressChanged(qint64 done, qint64 total);
    void succeeded(const QString &path);
    void failed(const QString &message);

private:
    // Its own thread: the generator fans out over the global pool and must not wait for a thread it occupies.
    QThreadPool m_pool;
    QFuture<void> m_future;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace lb
