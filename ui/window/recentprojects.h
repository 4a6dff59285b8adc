#pragma once

#include <QString>
#include <QStringList>

namespace lb {

// The recently opened project files, newest first, kept in QSettings (application name and organisation set
// by main()). The first entry is the project that `labelbranch` without arguments opens.
class RecentProjects
{
public:
    static constexpr int kMaxEntries = 8;

    static QStringList list();
    static QString last(); // empty when none
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();
    // What a menu shows for each path: its file name, followed by its folder ("~" for the home folder)
    // when another path of the list has the same file name.
    static QStringList labels(const QStringList &paths);
};

} // namespace lb
