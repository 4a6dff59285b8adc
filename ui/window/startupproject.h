#pragma once

#include <QString>
#include <QStringList>

namespace lb {

// Which project `labelbranch` opens at start-up: the file named on the command line; else the last project
// opened; else none, and the window shows its start page (open a project, connect to Encord, open the demo).
struct StartupProject
{
    QString path; // empty: show the start page
    bool fromCommandLine = false;

    // `arguments` are the positional command-line arguments (without the program name).
    static StartupProject resolve(const QStringList &arguments);
    // <AppDataLocation>/demo.lbproj
    static QString defaultDemoPath();
};

} // namespace lb
