#pragma once

// The set-up the window tests (tst_gui_*) share, so each test file holds only its tests.

#include "demo/demogenerator.h"
#include "jobs/jobmanager.h"
#include "window/mainwindow.h"

#include <memory>
#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QSize>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace lb::test {

// Settings in test mode, one demo project written once per test case and copied fresh for each test, a
// window opened on a project, and after each test the window's jobs stopped and the settings cleared. A test
// class derives from it next to QObject and calls initFixture() and cleanupFixture() from its initTestCase()
// and cleanup() slots.
class GuiFixture
{
protected:
    // `applicationName` keeps each test case's settings apart from the others'.
    void initFixture(const QString &applicationName)
    {
        QStandardPaths::setTestModeEnabled(true);
        // Decisions are signed: without any name the window would ask for one (a test of its own does).
        if (qEnvironmentVariableIsEmpty("LABELBRANCH_REVIEWER"))
            qputenv("LABELBRANCH_REVIEWER", "gui-tester");
        QApplication::setApplicationName(applicationName);
        QApplication::setOrganizationName(QStringLiteral("labelbranch-test"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_demoPath = m_dir.filePath(QStringLiteral("demo.lbproj"));
        const Result<DemoReport> demo = DemoGenerator().writeProject(m_demoPath);
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
    }

    void cleanupFixture()
    {
        if (m_window) {
            m_window->jobManager()->cancelAll();
            m_window->jobManager()->waitForDone(60000);
            m_window.reset();
        }
        QSettings().clear();
    }

    // A fresh copy of the demo project, so tests do not see each other's writes.
    QString freshProject(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_demoPath, path))
            return QString();
        return path;
    }

    // A new window, shown and exposed, with the project at `path` open; nullptr when any of it failed.
    MainWindow *openWindow(const QString &path, const QSize &size = QSize(1400, 900))
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(size);
        m_window->show();
        if (!QTest::qWaitForWindowExposed(m_window.get()))
            return nullptr;
        if (!m_window->openProject(path))
            return nullptr;
        return m_window.get();
    }

    QTemporaryDir m_dir;
    QString m_demoPath; // never written to: tests work on fresh copies
    std::unique_ptr<MainWindow> m_window;
};

} // namespace lb::test
