#include "window/recentprojects.h"

#include <QFileInfo>
#include <QSettings>

namespace lb {

namespace {

const QString kKey = QStringLiteral("recentProjects");

QString normalised(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

void store(const QStringList &paths)
{
    QSettings settings;
    settings.setValue(kKey, paths);
}

} // namespace

QStringList RecentProjects::list()
{
    QSettings settings;
    return settings.value(kKey).toStringList();
}

QString RecentProjects::last()
{
    const QStringList paths = list();
    return paths.isEmpty() ? QString() : paths.constFirst();
}

void RecentProjects::add(const QString &path)
{
    const QString absolute = normalised(path);
    QStringList paths = list();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > kMaxEntries)
        paths.removeLast();
    store(paths);
}

void RecentProjects::remove(const QString &path)
{
    QStringList paths = list();
    paths.removeAll(normalised(path));
    store(paths);
}

void RecentProjects::clear()
{
    store(QStringList());
}

} // namespace lb
