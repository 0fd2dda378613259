import Hummingbird
import GRDB
import ERP
