// Label data shown as text, never as markup: data titles, class names and branch names that look like HTML
// reach labels, tool tips and the audit log as written. Qt renders a label or tool tip as rich text when it
// looks like markup, so each place that shows such text must say so (Qt::PlainText, or escaped).

#include "docks/auditlogdock.h"
#include "engine/engine.h"
#include "guifixture.h"
#include "guitestsupport.h"
#include "items/branchdiffmodel.h"
#include "store/sqlite/sqlitestore.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"
#include "tabs/reviewtab.h"

#include <nlohmann/json.hpp>
#include <QAbstractItemView>
#include <QLabel>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTextDocument>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

const QString kMarkup = QStringLiteral("<img src=x onerror=alert(1)>");
const QString kBranch = QStringLiteral("<b>review</b>");

// Prefixes every data title and class name with the markup, through the file as another program could.
bool poison(const QString &path)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poison"));
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("UPDATE data_units SET data_title = '%1' || data_title").arg(kMarkup)))
            return false;
        if (!query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'ontology'")) || !query.next())
            return false;
        nlohmann::json ontology = nlohmann::json::parse(query.value(0).toString().toStdString());
        for (auto &object : ontology["objects"])
            object["name"] = kMarkup.toStdString() + object["name"].get<std::string>();
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'ontology'"));
        update.addBindValue(QString::fromStdString(ontology.dump()));
        if (!update.exec())
            return false;
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("poison"));
    auto store = SqliteStore::open(path);
    if (!store)
        return false;
    CopyRequest request;
    request.targetBranch = kBranch;
    return Engine(*store.value()).copy(request).ok();
}

// Whether Qt would draw `text` as markup in a label of this format.
bool rendersAsMarkup(const QString &text, Qt::TextFormat format)
{
    return format == Qt::RichText || format == Qt::MarkdownText ||
           (format == Qt::AutoText && Qt::mightBeRichText(text));
}

bool holdsRawMarkup(const QString &text)
{
    return text.contains(QStringLiteral("<img src=x")) || text.contains(QStringLiteral("<b>review"));
}

// Every label, widget tool tip and item tool tip of the window that would draw the markup as HTML.
QStringList markupShown(QWidget *window)
{
    QStringList found;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (holdsRawMarkup(label->text()) && rendersAsMarkup(label->text(), label->textFormat()))
            found << QStringLiteral("label %1: %2").arg(label->objectName(), label->text());
    }
    for (QWidget *widget : window->findChildren<QWidget *>()) {
        const QString tip = widget->toolTip();
        if (holdsRawMarkup(tip) && Qt::mightBeRichText(tip))
            found << QStringLiteral("tool tip of %1: %2").arg(widget->objectName(), tip);
    }
    for (QAbstractItemView *view : window->findChildren<QAbstractItemView *>()) {
        QAbstractItemModel *model = view->model();
        if (!model)
            continue;
        for (int column = 0; column < model->columnCount(); ++column) {
            const QString header = model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
            if (holdsRawMarkup(header) && Qt::mightBeRichText(header))
                found << QStringLiteral("header tool tip of %1: %2").arg(view->objectName(), header);
            for (int row = 0; row < std::min(model->rowCount(), 50); ++row) {
                const QString tip = model->index(row, column).data(Qt::ToolTipRole).toString();
                if (holdsRawMarkup(tip) && Qt::mightBeRichText(tip))
                    found << QStringLiteral("item tool tip of %1: %2").arg(view->objectName(), tip);
            }
        }
    }
    return found;
}

} // namespace

class TestGuiHostileText : public QObject, protected GuiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(QStringLiteral("labelbranch-gui-hostile-test")); }

    void cleanup() { cleanupFixture(); }

    void markupInLabelDataIsShownAsText()
    {
        const QString path = freshProject(QStringLiteral("hostile.lbproj"));
        QVERIFY(poison(path));
        MainWindow *window = openWindow(path);
        QVERIFY(window);
        waitForJobs(window);
        QStringList found = markupShown(window);

        window->compareBranches(QStringLiteral("main"), kBranch);
        waitForJobs(window);
        window->compareBranches(QStringLiteral("main"), QStringLiteral("pre-labels-v1"));
        waitForJobs(window);
        QTableView *view = window->compareTab()->view();
        QAbstractItemModel *model = view->model();
        QVERIFY(model->rowCount() > 0);
        int row = 0;
        while (row < model->rowCount() &&
               !model->index(row, 0).data(BranchDiffModel::IsDifferenceRole).toBool())
            ++row;
        QVERIFY(row < model->rowCount());
        view->selectionModel()->setCurrentIndex(model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                          QItemSelectionModel::Rows);
        DrillDownPane *pane = window->compareTab()->drillDown();
        QTRY_VERIFY_WITH_TIMEOUT(!pane->isLoading(), 30000);
        waitForJobs(window);
        found << markupShown(window);

        window->tabs()->setCurrentWidget(window->compareTab());
        window->compareTab()->setReviewMode(true);
        window->reviewTab()->setPair(QStringLiteral("pre-labels-v1"), QStringLiteral("main"));
        waitForJobs(window);
        QTRY_VERIFY(window->reviewTab()->hasListing());
        window->reviewTab()->view()->setCurrentIndex(window->reviewTab()->view()->model()->index(0, 0));
        waitForJobs(window);
        found << markupShown(window);
        saveScreenshot(window, QStringLiteral("gui-hostile-text.png"));

        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestGuiHostileText)
#include "tst_gui_hostiletext.moc"
