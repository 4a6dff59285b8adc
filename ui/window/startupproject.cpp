#include "window/startupproject.h"

#include "window/recentprojects.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace lb {

QString StartupProject::defaultDemoPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.lbproj"));
}

StartupProject StartupProject::resolve(const QStringList &arguments)
{
    StartupProject project;
    if (!arguments.isEmpty()) {
        // Opened as given, even when missing: the window then says what is wrong with it.
        project.path = QFileInfo(arguments.constFirst()).absoluteFilePath();
        project.fromCommandLine = true;
        return project;
    }
    const QString last = RecentProjects::last();
    if (!last.isEmpty() && QFileInfo::exists(last)) {
        project.path = last;
        return project;
    }
    return project;
}

} // namespace lb
