package dev.ballast.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The metadata a {@link LogicalConnection} hands out: {@code getConnection()} returns the logical
 * connection and its result sets have no statement (as JDBC says of metadata results), so the
 * physical connection never escapes through it. Handing it out pins the logical connection to its
 * physical one, which answers the metadata queries. Plain delegation otherwise, generated from
 * {@link DatabaseMetaData}.
 */
final class RoutedMetaData implements DatabaseMetaData {
  private final DatabaseMetaData target;
  private final Connection owner;

  RoutedMetaData(DatabaseMetaData target, Connection owner) {
    this.target = target;
    this.owner = owner;
  }

  private static @Nullable ResultSet wrap(@Nullable ResultSet rs) {
    return rs == null ? null : new RoutedResultSet(rs, null);
  }

  @Override
  public Connection getConnection() {
    return owner;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "RoutedMetaData[" + target + "]";
  }

  // ---- generated: plain delegation ------------------------------------------------------------

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
  public boolean deletesAreDetected(int a0) throws SQLException {
    return target.deletesAreDetected(a0);
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
  public java.sql.@Nullable ResultSet getAttributes(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, @Nullable String a3)
      throws SQLException {
    return wrap(target.getAttributes(a0, a1, a2, a3));
  }

  @Override
  public java.sql.@Nullable ResultSet getBestRowIdentifier(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, int a3, boolean a4)
      throws SQLException {
    return wrap(target.getBestRowIdentifier(a0, a1, a2, a3, a4));
  }

  @Override
  public @Nullable String getCatalogSeparator() throws SQLException {
    return target.getCatalogSeparator();
  }

  @Override
  public @Nullable String getCatalogTerm() throws SQLException {
    return target.getCatalogTerm();
  }

  @Override
  public java.sql.@Nullable ResultSet getCatalogs() throws SQLException {
    return wrap(target.getCatalogs());
  }

  @Override
  public java.sql.@Nullable ResultSet getClientInfoProperties() throws SQLException {
    return wrap(target.getClientInfoProperties());
  }

  @Override
  public java.sql.@Nullable ResultSet getColumnPrivileges(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, @Nullable String a3)
      throws SQLException {
    return wrap(target.getColumnPrivileges(a0, a1, a2, a3));
  }

  @Override
  public java.sql.@Nullable ResultSet getColumns(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, @Nullable String a3)
      throws SQLException {
    return wrap(target.getColumns(a0, a1, a2, a3));
  }

  @Override
  public java.sql.@Nullable ResultSet getCrossReference(
      @Nullable String a0,
      @Nullable String a1,
      @Nullable String a2,
      @Nullable String a3,
      @Nullable String a4,
      @Nullable String a5)
      throws SQLException {
    return wrap(target.getCrossReference(a0, a1, a2, a3, a4, a5));
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return target.getDatabaseMajorVersion();
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return target.getDatabaseMinorVersion();
  }

  @Override
  public @Nullable String getDatabaseProductName() throws SQLException {
    return target.getDatabaseProductName();
  }

  @Override
  public @Nullable String getDatabaseProductVersion() throws SQLException {
    return target.getDatabaseProductVersion();
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return target.getDefaultTransactionIsolation();
  }

  @Override
  public int getDriverMajorVersion() {
    return target.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return target.getDriverMinorVersion();
  }

  @Override
  public @Nullable String getDriverName() throws SQLException {
    return target.getDriverName();
  }

  @Override
  public @Nullable String getDriverVersion() throws SQLException {
    return target.getDriverVersion();
  }

  @Override
  public java.sql.@Nullable ResultSet getExportedKeys(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getExportedKeys(a0, a1, a2));
  }

  @Override
  public @Nullable String getExtraNameCharacters() throws SQLException {
    return target.getExtraNameCharacters();
  }

  @Override
  public java.sql.@Nullable ResultSet getFunctionColumns(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, @Nullable String a3)
      throws SQLException {
    return wrap(target.getFunctionColumns(a0, a1, a2, a3));
  }

  @Override
  public java.sql.@Nullable ResultSet getFunctions(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getFunctions(a0, a1, a2));
  }

  @Override
  public @Nullable String getIdentifierQuoteString() throws SQLException {
    return target.getIdentifierQuoteString();
  }

  @Override
  public java.sql.@Nullable ResultSet getImportedKeys(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getImportedKeys(a0, a1, a2));
  }

  @Override
  public java.sql.@Nullable ResultSet getIndexInfo(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, boolean a3, boolean a4)
      throws SQLException {
    return wrap(target.getIndexInfo(a0, a1, a2, a3, a4));
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return target.getJDBCMajorVersion();
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return target.getJDBCMinorVersion();
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return target.getMaxBinaryLiteralLength();
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return target.getMaxCatalogNameLength();
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return target.getMaxCharLiteralLength();
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return target.getMaxColumnNameLength();
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return target.getMaxColumnsInGroupBy();
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return target.getMaxColumnsInIndex();
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return target.getMaxColumnsInOrderBy();
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return target.getMaxColumnsInSelect();
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return target.getMaxColumnsInTable();
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return target.getMaxConnections();
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return target.getMaxCursorNameLength();
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return target.getMaxIndexLength();
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    return target.getMaxLogicalLobSize();
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return target.getMaxProcedureNameLength();
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return target.getMaxRowSize();
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return target.getMaxSchemaNameLength();
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return target.getMaxStatementLength();
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return target.getMaxStatements();
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return target.getMaxTableNameLength();
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return target.getMaxTablesInSelect();
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return target.getMaxUserNameLength();
  }

  @Override
  public @Nullable String getNumericFunctions() throws SQLException {
    return target.getNumericFunctions();
  }

  @Override
  public java.sql.@Nullable ResultSet getPrimaryKeys(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getPrimaryKeys(a0, a1, a2));
  }

  @Override
  public java.sql.@Nullable ResultSet getProcedureColumns(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, @Nullable String a3)
      throws SQLException {
    return wrap(target.getProcedureColumns(a0, a1, a2, a3));
  }

  @Override
  public @Nullable String getProcedureTerm() throws SQLException {
    return target.getProcedureTerm();
  }

  @Override
  public java.sql.@Nullable ResultSet getProcedures(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getProcedures(a0, a1, a2));
  }

  @Override
  public java.sql.@Nullable ResultSet getPseudoColumns(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, @Nullable String a3)
      throws SQLException {
    return wrap(target.getPseudoColumns(a0, a1, a2, a3));
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return target.getResultSetHoldability();
  }

  @Override
  public java.sql.@Nullable RowIdLifetime getRowIdLifetime() throws SQLException {
    return target.getRowIdLifetime();
  }

  @Override
  public @Nullable String getSQLKeywords() throws SQLException {
    return target.getSQLKeywords();
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return target.getSQLStateType();
  }

  @Override
  public @Nullable String getSchemaTerm() throws SQLException {
    return target.getSchemaTerm();
  }

  @Override
  public java.sql.@Nullable ResultSet getSchemas() throws SQLException {
    return wrap(target.getSchemas());
  }

  @Override
  public java.sql.@Nullable ResultSet getSchemas(@Nullable String a0, @Nullable String a1)
      throws SQLException {
    return wrap(target.getSchemas(a0, a1));
  }

  @Override
  public @Nullable String getSearchStringEscape() throws SQLException {
    return target.getSearchStringEscape();
  }

  @Override
  public @Nullable String getStringFunctions() throws SQLException {
    return target.getStringFunctions();
  }

  @Override
  public java.sql.@Nullable ResultSet getSuperTables(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getSuperTables(a0, a1, a2));
  }

  @Override
  public java.sql.@Nullable ResultSet getSuperTypes(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getSuperTypes(a0, a1, a2));
  }

  @Override
  public @Nullable String getSystemFunctions() throws SQLException {
    return target.getSystemFunctions();
  }

  @Override
  public java.sql.@Nullable ResultSet getTablePrivileges(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getTablePrivileges(a0, a1, a2));
  }

  @Override
  public java.sql.@Nullable ResultSet getTableTypes() throws SQLException {
    return wrap(target.getTableTypes());
  }

  @Override
  public java.sql.@Nullable ResultSet getTables(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, String @Nullable [] a3)
      throws SQLException {
    return wrap(target.getTables(a0, a1, a2, a3));
  }

  @Override
  public @Nullable String getTimeDateFunctions() throws SQLException {
    return target.getTimeDateFunctions();
  }

  @Override
  public java.sql.@Nullable ResultSet getTypeInfo() throws SQLException {
    return wrap(target.getTypeInfo());
  }

  @Override
  public java.sql.@Nullable ResultSet getUDTs(
      @Nullable String a0, @Nullable String a1, @Nullable String a2, int @Nullable [] a3)
      throws SQLException {
    return wrap(target.getUDTs(a0, a1, a2, a3));
  }

  @Override
  public @Nullable String getURL() throws SQLException {
    return target.getURL();
  }

  @Override
  public @Nullable String getUserName() throws SQLException {
    return target.getUserName();
  }

  @Override
  public java.sql.@Nullable ResultSet getVersionColumns(
      @Nullable String a0, @Nullable String a1, @Nullable String a2) throws SQLException {
    return wrap(target.getVersionColumns(a0, a1, a2));
  }

  @Override
  public boolean insertsAreDetected(int a0) throws SQLException {
    return target.insertsAreDetected(a0);
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
  public boolean othersDeletesAreVisible(int a0) throws SQLException {
    return target.othersDeletesAreVisible(a0);
  }

  @Override
  public boolean othersInsertsAreVisible(int a0) throws SQLException {
    return target.othersInsertsAreVisible(a0);
  }

  @Override
  public boolean othersUpdatesAreVisible(int a0) throws SQLException {
    return target.othersUpdatesAreVisible(a0);
  }

  @Override
  public boolean ownDeletesAreVisible(int a0) throws SQLException {
    return target.ownDeletesAreVisible(a0);
  }

  @Override
  public boolean ownInsertsAreVisible(int a0) throws SQLException {
    return target.ownInsertsAreVisible(a0);
  }

  @Override
  public boolean ownUpdatesAreVisible(int a0) throws SQLException {
    return target.ownUpdatesAreVisible(a0);
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
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    return target.supportsANSI92EntryLevelSQL();
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    return target.supportsANSI92FullSQL();
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    return target.supportsANSI92IntermediateSQL();
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    return target.supportsAlterTableWithAddColumn();
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    return target.supportsAlterTableWithDropColumn();
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return target.supportsBatchUpdates();
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return target.supportsCatalogsInDataManipulation();
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return target.supportsCatalogsInIndexDefinitions();
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return target.supportsCatalogsInPrivilegeDefinitions();
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return target.supportsCatalogsInProcedureCalls();
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return target.supportsCatalogsInTableDefinitions();
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    return target.supportsColumnAliasing();
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    return target.supportsConvert();
  }

  @Override
  public boolean supportsConvert(int a0, int a1) throws SQLException {
    return target.supportsConvert(a0, a1);
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    return target.supportsCoreSQLGrammar();
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    return target.supportsCorrelatedSubqueries();
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
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    return target.supportsDifferentTableCorrelationNames();
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    return target.supportsExpressionsInOrderBy();
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    return target.supportsExtendedSQLGrammar();
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    return target.supportsFullOuterJoins();
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return target.supportsGetGeneratedKeys();
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    return target.supportsGroupByBeyondSelect();
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    return target.supportsGroupByUnrelated();
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    return target.supportsGroupBy();
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    return target.supportsIntegrityEnhancementFacility();
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    return target.supportsLikeEscapeClause();
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    return target.supportsLimitedOuterJoins();
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    return target.supportsMinimumSQLGrammar();
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return target.supportsMixedCaseIdentifiers();
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return target.supportsMixedCaseQuotedIdentifiers();
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
  public boolean supportsNonNullableColumns() throws SQLException {
    return target.supportsNonNullableColumns();
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
  public boolean supportsOrderByUnrelated() throws SQLException {
    return target.supportsOrderByUnrelated();
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    return target.supportsOuterJoins();
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return target.supportsPositionedDelete();
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return target.supportsPositionedUpdate();
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    return target.supportsRefCursors();
  }

  @Override
  public boolean supportsResultSetConcurrency(int a0, int a1) throws SQLException {
    return target.supportsResultSetConcurrency(a0, a1);
  }

  @Override
  public boolean supportsResultSetHoldability(int a0) throws SQLException {
    return target.supportsResultSetHoldability(a0);
  }

  @Override
  public boolean supportsResultSetType(int a0) throws SQLException {
    return target.supportsResultSetType(a0);
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return target.supportsSavepoints();
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return target.supportsSchemasInDataManipulation();
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return target.supportsSchemasInIndexDefinitions();
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return target.supportsSchemasInPrivilegeDefinitions();
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return target.supportsSchemasInProcedureCalls();
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return target.supportsSchemasInTableDefinitions();
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return target.supportsSelectForUpdate();
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
  public boolean supportsStoredProcedures() throws SQLException {
    return target.supportsStoredProcedures();
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    return target.supportsSubqueriesInComparisons();
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    return target.supportsSubqueriesInExists();
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    return target.supportsSubqueriesInIns();
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    return target.supportsSubqueriesInQuantifieds();
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    return target.supportsTableCorrelationNames();
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int a0) throws SQLException {
    return target.supportsTransactionIsolationLevel(a0);
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return target.supportsTransactions();
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    return target.supportsUnionAll();
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    return target.supportsUnion();
  }

  @Override
  public boolean updatesAreDetected(int a0) throws SQLException {
    return target.updatesAreDetected(a0);
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
