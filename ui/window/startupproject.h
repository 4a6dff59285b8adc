#pragma once

#include <QString>
#include <QStringList>

namespace lb {

// Which project `labelbranch` opens at start-up (issue 3, item 7): the file named on the command line; else
// the last project opened; else the demo project in the user's data folder, created the first time.
struct StartupProject
{
    QString path;
    bool createDemo = false; // path does not exist yet and should be generated as the demo project
    bool fromCommandLine = false;

    // `arguments` are the positional command-line arguments (without the program name).
    static StartupProject resolve(const QStringList &arguments);
    // <AppDataLocation>/demo.lbproj
    static QString defaultDemoPath();
};

} // namespace lb
