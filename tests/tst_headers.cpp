#include "engine/engine.h"
#include "store/sqlite/sqlitestore.h"

#include <QtTest>

class TestHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resultCarriesValueOrError()
    {
        lb::Result<int> good(3);
        QVERIFY(good.ok());
        QCOMPARE(good.value(), 3);
        lb::Result<int> bad(lb::fail(QStringLiteral("no")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error(), QStringLiteral("no"));
    }
};

QTEST_GUILESS_MAIN(TestHeaders)
#include "tst_headers.moc"
