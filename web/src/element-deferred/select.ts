// Imported by name so the build adds exactly this component's styles (unplugin-element-plus).
import { ElSelect } from 'element-plus'

export { ElSelect }
