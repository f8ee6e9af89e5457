from .authorities import Authority, AuthorityTeam, TeamRole
from .config_versions import ProcessConfigVersion
from .pages import GuidancePage

__all__ = ["Authority", "AuthorityTeam", "TeamRole", "ProcessConfigVersion", "GuidancePage"]
