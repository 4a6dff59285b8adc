#pragma once

#include "domain/jobcontrol.h"

#include <QElapsedTimer>
#include <QString>

namespace lb::cli {

// A one-line progress display on stderr (done/total, batches, rate, ETA), drawn only when stderr is a
// terminal so pipes and logs stay clean. LABELBRANCH_PROGRESS=always|never overrides the detection.
class ProgressBar
{
public:
    explicit ProgressBar(QString unit = QStringLiteral("rows"));
    ~ProgressBar();

    bool isEnabled() const { return m_enabled; }
    void update(const Progress &progress);
    void finish(); // erases the line

    // A callback for JobControl::onProgress.
    std::function<void(const Progress &)> callback();

private:
    void draw(const Progress &progress);

    QString m_unit;
    bool m_enabled = false;
    bool m_drawn = false;
    QElapsedTimer m_clock;
    qint64 m_lastDrawMs = -1;
};

} // namespace lb::cli
