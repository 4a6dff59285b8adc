#include "window/mainwindow.h"
#include "window/startupproject.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

int main(int argc, char **argv)
{
    // The icon lives in the static resources library; referencing its initialiser keeps it linked in.
    Q_INIT_RESOURCE(resources);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("labelbranch"));
    QApplication::setApplicationDisplayName(QStringLiteral("labelbranch"));
    QApplication::setOrganizationName(QStringLiteral("labelbranch"));
    QApplication::setOrganizationDomain(QStringLiteral("labelbranch.org"));
    QApplication::setApplicationVersion(QStringLiteral(LABELBRANCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.labelbranch.LabelBranch"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/labelbranch/labelbranch.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Browse, compare, snapshot and copy label branches."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("project"),
        QStringLiteral("Project file to open (default: the last one; the first start shows a start page)."),
        QStringLiteral("[project]"));
    parser.process(app);

    lb::MainWindow window;
    window.show();

    // Decided after show(): a missing or damaged file is then reported inside the window.
    const lb::StartupProject startup = lb::StartupProject::resolve(parser.positionalArguments());
    if (!startup.path.isEmpty())
        QTimer::singleShot(0, &window, [&window, startup] { window.openProject(startup.path); });
    return app.exec();
}
