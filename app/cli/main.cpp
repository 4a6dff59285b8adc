#include "cliapp.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("labelbranch-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("labelbranch"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    return lb::cli::CliApp().run(QCoreApplication::arguments());
}
