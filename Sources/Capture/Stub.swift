import Crypto
import Logging
