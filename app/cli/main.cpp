#include "cliapp.h"

#include <cstdio>
#include <memory>
#include <QCoreApplication>
#include <QGuiApplication>

namespace {

// The platform's start-up notes ("XDG_RUNTIME_DIR not set", font fallbacks) are not the command's output: a
// painting command keeps stderr to its own lines and passes on only Qt's critical messages.
void criticalOnly(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg) {
        const QByteArray line = message.toLocal8Bit() + '\n';
        std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    }
}

} // namespace

int main(int argc, char **argv)
{
    // A command that paints (report) needs a QGuiApplication for fonts; it draws off screen unless a platform
    // is asked for, so it runs without a display. The others need no more than a QCoreApplication.
    std::unique_ptr<QCoreApplication> app;
    if (lb::cli::CliApp::commandPaints(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(criticalOnly);
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("labelbranch-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("labelbranch"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    return lb::cli::CliApp().run(QCoreApplication::arguments());
}
