// Imported by name so the build adds exactly these components' styles (unplugin-element-plus).
import { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus'

export { ElDropdown, ElDropdownItem, ElDropdownMenu }
