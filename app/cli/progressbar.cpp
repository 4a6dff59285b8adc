#include "progressbar.h"

#include <cstdio>
#include <QByteArray>
#include <unistd.h>

namespace lb::cli {

namespace {

QString clockText(qint64 seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ProgressBar::ProgressBar(QString unit) : m_unit(std::move(unit))
{
    const QByteArray mode = qgetenv("LABELBRANCH_PROGRESS");
    if (mode == "always")
        m_enabled = true;
    else if (mode == "never")
        m_enabled = false;
    else
        m_enabled = ::isatty(STDERR_FILENO) == 1;
    m_clock.start();
}

ProgressBar::~ProgressBar()
{
    finish();
}

std::function<void(const Progress &)> ProgressBar::callback()
{
    return [this](const Progress &p) { update(p); };
}

void ProgressBar::update(const Progress &progress)
{
    // Waiting for another writer is said once as a line of its own, whether or not the bar is drawn.
    if (progress.waiting) {
        finish();
        const QByteArray line =
            QStringLiteral("labelbranch-cli: %1 (Ctrl+C stops)\n").arg(progress.stage).toUtf8();
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
        std::fflush(stderr);
        return;
    }
    if (!m_enabled)
        return;
    const qint64 now = m_clock.elapsed();
    const bool complete = progress.total > 0 && progress.done >= progress.total;
    // A redraw per batch can be thousands a second; ten a second is enough to read.
    if (m_lastDrawMs >= 0 && now - m_lastDrawMs < 100 && !complete)
        return;
    m_lastDrawMs = now;
    draw(progress);
}

void ProgressBar::draw(const Progress &progress)
{
    constexpr int kWidth = 24;
    const double fraction =
        progress.total > 0 ? std::min(1.0, double(progress.done) / double(progress.total)) : 0.0;
    const int filled = static_cast<int>(fraction * kWidth);
    QString line = QStringLiteral("\r%1 [%2%3] %4/%5 %6")
                       .arg(progress.stage.isEmpty() ? QStringLiteral("working") : progress.stage)
                       .arg(QString(filled, QLatin1Char('#')))
                       .arg(QString(kWidth - filled, QLatin1Char('.')))
                       .arg(progress.done)
                       .arg(progress.total)
                       .arg(m_unit);
    if (progress.batchesTotal > 0)
        line += QStringLiteral("  %1/%2 batches").arg(progress.batchesDone).arg(progress.batchesTotal);
    const double seconds = m_clock.elapsed() / 1000.0;
    if (seconds > 0.2 && progress.done > 0) {
        const double rate = progress.done / seconds;
        line += QStringLiteral("  %1 %2/s").arg(qRound64(rate)).arg(m_unit);
        if (progress.total > progress.done)
            line +=
                QStringLiteral("  ETA %1").arg(clockText(qRound64((progress.total - progress.done) / rate)));
    }
    line += QStringLiteral("\x1b[K");
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (!m_drawn)
        return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
}

} // namespace lb::cli
