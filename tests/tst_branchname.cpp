#include "domain/branchname.h"

#include <QtTest>

using lb::branchNameError;
using lb::isValidBranchName;

class TestBranchName : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyIsRefused()
    {
        QCOMPARE(branchNameError(QString()), QStringLiteral("branch name must not be empty"));
        QVERIFY(!isValidBranchName(QStringLiteral("")));
    }

    void ordinaryNamesAreAccepted()
    {
        QVERIFY(isValidBranchName(QStringLiteral("main")));
        QVERIFY(isValidBranchName(QStringLiteral("experiment/pre-label v2")));
        QVERIFY(isValidBranchName(QStringLiteral("export-2026-11-25")));
        QVERIFY(branchNameError(QStringLiteral("a b")).isEmpty()); // inner space is fine
    }

    void exactly128CharactersAreAccepted()
    {
        const QString name(lb::kMaxBranchNameLength, QLatin1Char('x'));
        QCOMPARE(name.size(), 128);
        QVERIFY2(isValidBranchName(name), qPrintable(branchNameError(name)));
    }

    void characters129AreRefused()
    {
        const QString name(129, QLatin1Char('x'));
        const QString error = branchNameError(name);
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("129")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("128")), qPrintable(error));
    }

    void lengthCountsCharactersNotUtf16Units()
    {
        // 128 emoji are 256 UTF-16 units but 128 characters.
        QString name;
        for (int i = 0; i < 128; ++i)
            name += QString::fromUtf8("\xF0\x9F\x8D\x8E"); // U+1F34E
        QCOMPARE(name.size(), 256);
        QVERIFY2(isValidBranchName(name), qPrintable(branchNameError(name)));
        name += QString::fromUtf8("\xF0\x9F\x8D\x8E");
        QVERIFY(!isValidBranchName(name));
    }

    void leadingSpaceIsRefused()
    {
        QCOMPARE(branchNameError(QStringLiteral(" experiment")),
                 QStringLiteral("branch name must not start with white space"));
    }

    void trailingTabIsRefused()
    {
        QCOMPARE(branchNameError(QStringLiteral("experiment\t")),
                 QStringLiteral("branch name must not end with white space"));
    }

    void trailingSpaceIsRefused()
    {
        QCOMPARE(branchNameError(QStringLiteral("experiment ")),
                 QStringLiteral("branch name must not end with white space"));
    }

    void controlCharacterIsNamed()
    {
        const QString error = branchNameError(QStringLiteral("ab\x01"
                                                             "cd"));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("control character")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("U+0001")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("position 3")), qPrintable(error));
    }

    void newlineInsideIsRefused()
    {
        const QString error = branchNameError(QStringLiteral("line one\nline two"));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(QStringLiteral("line break")), qPrintable(error));
    }

    void deleteAndC1ControlsAreRefused()
    {
        QVERIFY(!isValidBranchName(QStringLiteral("a\x7f"
                                                  "b")));
        QVERIFY(!isValidBranchName(QString::fromUtf8("a\xC2\x85"
                                                     "b"))); // U+0085
    }

    void unicodeIsAccepted()
    {
        QVERIFY(isValidBranchName(QString::fromUtf8("Äpfel-ß-日本語-🍎")));
        QVERIFY(isValidBranchName(QString::fromUtf8("проверка")));
    }

    void nameIsNeverFixed()
    {
        // The function only reports; a name with a problem stays invalid rather than being trimmed.
        const QString name = QStringLiteral("  padded  ");
        QVERIFY(!isValidBranchName(name));
        QCOMPARE(name, QStringLiteral("  padded  "));
    }
};

QTEST_GUILESS_MAIN(TestBranchName)
#include "tst_branchname.moc"
