package dev.ballast.jdbc.internal;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * What {@link RoutedMetaData} says of how the database and driver behave: transactions, result set
 * types and visibility of changes, cursors, batches, savepoints, null sorting, identifier case
 * storage. Forwarded to the physical connection's metadata. {@code RoutedDelegationTest} fails when
 * one is not forwarded.
 */
abstract class MetaDataBehaviour extends MetaDataSqlSupport {
  MetaDataBehaviour(DatabaseMetaData target) {
    super(target);
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    return target.allProceduresAreCallable();
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    return target.allTablesAreSelectable();
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    return target.autoCommitFailureClosesAllResultSets();
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return target.dataDefinitionCausesTransactionCommit();
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return target.dataDefinitionIgnoredInTransactions();
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    return target.deletesAreDetected(type);
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    return target.doesMaxRowSizeIncludeBlobs();
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    return target.generatedKeyAlwaysReturned();
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    return target.insertsAreDetected(type);
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    return target.isCatalogAtStart();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return target.isReadOnly();
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    return target.locatorsUpdateCopy();
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    return target.nullPlusNonNullIsNull();
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    return target.nullsAreSortedAtEnd();
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    return target.nullsAreSortedAtStart();
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    return target.nullsAreSortedHigh();
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    return target.nullsAreSortedLow();
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    return target.othersDeletesAreVisible(type);
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    return target.othersInsertsAreVisible(type);
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    return target.othersUpdatesAreVisible(type);
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    return target.ownDeletesAreVisible(type);
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    return target.ownInsertsAreVisible(type);
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    return target.ownUpdatesAreVisible(type);
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return target.storesLowerCaseIdentifiers();
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return target.storesLowerCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return target.storesMixedCaseIdentifiers();
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return target.storesMixedCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return target.storesUpperCaseIdentifiers();
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return target.storesUpperCaseQuotedIdentifiers();
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return target.supportsBatchUpdates();
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return target.supportsDataDefinitionAndDataManipulationTransactions();
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return target.supportsDataManipulationTransactionsOnly();
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return target.supportsGetGeneratedKeys();
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    return target.supportsMultipleOpenResults();
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    return target.supportsMultipleResultSets();
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return target.supportsMultipleTransactions();
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    return target.supportsNamedParameters();
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    return target.supportsOpenCursorsAcrossCommit();
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    return target.supportsOpenCursorsAcrossRollback();
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    return target.supportsOpenStatementsAcrossCommit();
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    return target.supportsOpenStatementsAcrossRollback();
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    return target.supportsRefCursors();
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    return target.supportsResultSetConcurrency(type, concurrency);
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    return target.supportsResultSetHoldability(holdability);
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    return target.supportsResultSetType(type);
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return target.supportsSavepoints();
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    return target.supportsSharding();
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    return target.supportsStatementPooling();
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    return target.supportsStoredFunctionsUsingCallSyntax();
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return target.supportsTransactionIsolationLevel(level);
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return target.supportsTransactions();
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    return target.updatesAreDetected(type);
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    return target.usesLocalFilePerTable();
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    return target.usesLocalFiles();
  }
}
