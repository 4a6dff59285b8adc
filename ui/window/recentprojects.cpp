#include "window/recentprojects.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
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

QStringList RecentProjects::labels(const QStringList &paths)
{
    QHash<QString, int> uses;
    for (const QString &path : paths)
        ++uses[QFileInfo(path).fileName()];
    const QString home = QDir::homePath();
    QStringList out;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (uses.value(info.fileName()) < 2) {
            out << info.fileName();
            continue;
        }
        QString folder = info.absolutePath();
        if (folder == home || folder.startsWith(home + QLatin1Char('/')))
            folder = QLatin1Char('~') + folder.mid(home.size());
        out << QStringLiteral("%1 (%2)").arg(info.fileName(), QDir::toNativeSeparators(folder));
    }
    return out;
}

} // namespace lb
