from . import support_statement_xlsx
